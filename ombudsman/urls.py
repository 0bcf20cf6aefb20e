from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from statements import views
from statements.sitemaps import StatementSitemap

handler404 = "statements.views.page_not_found"
handler500 = "statements.views.server_error"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/editor-upload/", views.editor_upload, name="editor_upload"),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"statements": StatementSitemap}},
        name="sitemap",
    ),
]
# "/" has no page of its own: LocaleMiddleware redirects it to the reader's
# language (Accept-Language, else the default) because every public URL below
# carries a language prefix.
urlpatterns += i18n_patterns(path("", include("statements.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

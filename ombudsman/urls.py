from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from ombudsman import errors
from statements.admin import uploader
from statements.public import views
from statements.public.sitemaps import PageSitemap, StatementSitemap

SITEMAPS = {"statements": StatementSitemap, "pages": PageSitemap}

handler400 = "ombudsman.errors.bad_request"
handler403 = "ombudsman.errors.permission_denied"
handler404 = "statements.public.views.page_not_found"
# A 500 caused by a database that is down becomes the translated 503 page.
handler500 = "ombudsman.errors.server_error"

# Password reset, linked from the admin's sign-in page ("admin_password_reset"
# is the name it looks for). Django mails only the address stored on the
# account, never the one typed in the form.
password_reset_patterns = [
    path(
        "admin/password-reset/",
        auth_views.PasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path(
        "admin/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "admin/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "admin/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/editor-upload/", uploader.editor_upload, name="editor_upload"),
    path("admin/two-factor/", include("accounts.urls")),
    *password_reset_patterns,
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # An index of sections, each page bounded by StatementSitemap.limit. The
    # sections' name is the one Django's index view reverses.
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]
# "/" has no page of its own: LocaleMiddleware redirects it to the reader's
# language (Accept-Language, else the default) because every public URL below
# carries a language prefix.
urlpatterns += i18n_patterns(
    path("", include("statements.urls")),
    path("", include("readers.urls")),
)

# Uploads, where Django serves them (development; SERVE_MEDIA): 404 otherwise.
urlpatterns.append(
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", errors.serve_media)
)

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from statements import views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/editor-upload/", views.editor_upload, name="editor_upload"),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("", views.home, name="home"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.manage, name="manage"),
    path("setup/", views.setup, name="setup"),
    path("verify/", views.verify, name="verify"),
    path("disable/", views.disable, name="disable"),
]

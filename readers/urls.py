from django.urls import path

from readers import views

app_name = "readers"

urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/sent/", views.alerts_sent, name="alerts_sent"),
    path("alerts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("alerts/unsubscribe/<str:key>/", views.unsubscribe, name="unsubscribe"),
]

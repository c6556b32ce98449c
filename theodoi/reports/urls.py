from django.urls import path

from theodoi.reports import views

app_name = "reports"
urlpatterns = [
    path("xep-hang/", views.ranking, name="ranking"),
    path("bao-cao/", views.official_report, name="official"),
    path("nhac-viec/", views.reminders_sent, name="reminders"),
    path("xep-hang/nhiem-vu/", views.ranking_tasks, name="ranking_tasks"),
]

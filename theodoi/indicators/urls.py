from django.urls import include, path

from theodoi.indicators import exports, views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("xuat.xlsx", exports.export_xlsx, name="export_xlsx"),
    path("xuat.csv", exports.export_csv, name="export_csv"),
    path("<id:pk>/", views.indicator_detail, name="detail"),
    path("<id:pk>/ky/<str:key>/nhap/", views.observation_enter, name="enter"),
    path("<id:pk>/ky/<str:key>/mo-khoa/", views.period_unlock, name="unlock"),
    # One value (số liệu) of one period: the office's verdict on it.
    path("so-lieu/<id:pk>/", include([
        path("duyet/", views.observation_approve, name="approve"),
        path("tra-lai/", views.observation_return, name="return"),
        path("mo-lai/", views.observation_reopen, name="reopen"),
    ])),
]

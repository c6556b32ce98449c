from django.urls import include, path

from theodoi.petitions import open311, views

app_name = "petitions"
urlpatterns = [
    path("kien-nghi/", include([
        path("", views.petition_new, name="new"),
        path("theo-doi/", views.track_lookup, name="lookup"),
        path("theo-doi/<str:code>/", views.track, name="track"),
        path("quan-ly/", views.inbox, name="inbox"),
        path("quan-ly/<id:pk>/", views.detail, name="detail"),
        path("quan-ly/<id:pk>/<str:action>/", views.act, name="act"),
        path("tep/<id:pk>/", views.attachment_download, name="attachment"),
        path("ngay-nghi/", views.day_off, name="day_off"),
    ])),
    # GeoReport v2 (Open311), the paths its clients expect.
    path("open311/v2/", include([
        path("services.json", open311.services, name="open311_services"),
        path("requests.json", open311.requests, name="open311_requests"),
        path("requests/<str:request_id>.json", open311.request_detail, name="open311_request"),
    ])),
]

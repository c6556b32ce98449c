from django.urls import path

from theodoi.petitions import open311, views

app_name = "petitions"
urlpatterns = [
    path("kien-nghi/", views.petition_new, name="new"),
    path("kien-nghi/theo-doi/", views.track_lookup, name="lookup"),
    path("kien-nghi/theo-doi/<str:code>/", views.track, name="track"),
    path("kien-nghi/quan-ly/", views.inbox, name="inbox"),
    path("kien-nghi/quan-ly/<id:pk>/", views.detail, name="detail"),
    path("kien-nghi/quan-ly/<id:pk>/<str:action>/", views.act, name="act"),
    path("kien-nghi/tep/<id:pk>/", views.attachment_download, name="attachment"),
    path("kien-nghi/ngay-nghi/", views.day_off, name="day_off"),
    path("open311/v2/services.json", open311.services, name="open311_services"),
    path("open311/v2/requests.json", open311.requests, name="open311_requests"),
    path("open311/v2/requests/<str:request_id>.json", open311.request_detail, name="open311_request"),
]

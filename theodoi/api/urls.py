from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from theodoi.api import views

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Our copies of drf-spectacular's pages: the page's language, no Google Fonts
    # (api/templates/api/), nothing fetched from another host (views.DOCS_CONTENT_SECURITY_POLICY).
    path("docs/", views.SwaggerDocs.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", views.RedocDocs.as_view(url_name="api:schema"), name="redoc"),
    path("tasks/", views.TaskList.as_view(), name="task-list"),
    path("tasks.csv", views.TaskCsv.as_view(), name="task-csv"),
    path("tasks.xlsx", views.TaskXlsx.as_view(), name="task-xlsx"),
    path("tasks/<id:pk>/", views.TaskDetail.as_view(), name="task-detail"),
    path("documents/", views.DocumentList.as_view(), name="document-list"),
    path("documents/<id:pk>/", views.DocumentDetail.as_view(), name="document-detail"),
    path("agencies/", views.AgencyList.as_view(), name="agency-list"),
    path("agencies/<id:pk>/", views.AgencyDetail.as_view(), name="agency-detail"),
    path("indicators/", views.IndicatorList.as_view(), name="indicator-list"),
    path("indicators/<id:pk>/", views.IndicatorDetail.as_view(), name="indicator-detail"),
    path("progress-notes/", views.ProgressNoteList.as_view(), name="progress-note-list"),
    path("evidence/<id:pk>/", views.EvidenceDownload.as_view(), name="evidence-download"),
]

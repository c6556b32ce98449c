from django.urls import include, path

from theodoi.tasks import document_views, views

app_name = "tasks"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("nhiem-vu/", views.task_list, name="list"),
    path("nhiem-vu/xuat.<str:kind>", views.task_export, name="export"),
    path("viec-cua-toi/", views.my_tasks, name="mine"),
    path("nhiem-vu/<id:pk>/", include([
        path("", views.task_detail, name="detail"),
        path("sua/", views.task_edit, name="edit"),
        path("xoa/", views.task_delete, name="delete"),
        path("bao-cao/", views.report_submit, name="report"),
        path("y-kien/", views.comment_add, name="comment"),
        path("cong-khai/", views.task_publish, name="publish"),
    ])),
    # The office's verdict on a progress report, and its public note.
    path("bao-cao/<id:report_pk>/", include([
        path("tiep-nhan/", views.report_accept, name="report_accept"),
        path("tra-lai/", views.report_return, name="report_return"),
        path("cong-khai/", views.report_public_note, name="report_public"),
    ])),
    # The document page shows its tasks, so it is served from here (documents know no tasks).
    path("van-ban/<id:pk>/", document_views.document_detail, name="document"),
    path("van-ban/<id:pk>/cong-khai/", document_views.document_publish, name="document_publish"),
    path("van-ban/<id:document_pk>/nhap-nhiem-vu/", views.task_import, name="import"),
    path("minh-chung/<id:pk>/", views.evidence_download, name="evidence"),
]

from django.urls import path

from theodoi.tasks import document_views, views

app_name = "tasks"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("nhiem-vu/", views.task_list, name="list"),
    path("nhiem-vu/xuat.<str:kind>", views.task_export, name="export"),
    path("viec-cua-toi/", views.my_tasks, name="mine"),
    path("nhiem-vu/<id:pk>/", views.task_detail, name="detail"),
    path("nhiem-vu/<id:pk>/sua/", views.task_edit, name="edit"),
    path("nhiem-vu/<id:pk>/xoa/", views.task_delete, name="delete"),
    path("nhiem-vu/<id:pk>/bao-cao/", views.report_submit, name="report"),
    path("nhiem-vu/<id:pk>/y-kien/", views.comment_add, name="comment"),
    path("nhiem-vu/<id:pk>/cong-khai/", views.task_publish, name="publish"),
    path("bao-cao/<id:report_pk>/cong-khai/", views.report_public_note, name="report_public"),
    path("van-ban/<id:pk>/cong-khai/", document_views.document_publish, name="document_publish"),
    path("bao-cao/<id:report_pk>/tiep-nhan/", views.report_accept, name="report_accept"),
    path("bao-cao/<id:report_pk>/tra-lai/", views.report_return, name="report_return"),
    # The document page shows its tasks, so it is served from here (documents know no tasks).
    path("van-ban/<id:pk>/", document_views.document_detail, name="document"),
    path("van-ban/<id:document_pk>/nhap-nhiem-vu/", views.task_import, name="import"),
    path("minh-chung/<id:pk>/", views.evidence_download, name="evidence"),
]

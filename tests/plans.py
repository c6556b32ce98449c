"""The opening of Hải Phòng's plan 15/KH-UBND implementing 7/NQ-CP, as the city writes it:
issuer and number with place and date, the title, and the purpose section. Tests of the
extractor and of intake follow it with tasks of their own."""

PLAN_OPENING = """ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 15/KH-UBND\tHải Phòng, ngày 20 tháng 3 năm 2025

KẾ HOẠCH
THỰC HIỆN NGHỊ QUYẾT SỐ 7/NQ-CP CỦA CHÍNH PHỦ

I. MỤC ĐÍCH, YÊU CẦU
1. Triển khai kịp thời, hiệu quả các nhiệm vụ được giao.

"""

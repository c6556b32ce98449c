import json as jsonlib

from django.core.management.base import BaseCommand

from theodoi.petitions.routing import route_petition


class Command(BaseCommand):
    help = "Đề xuất cơ quan xử lý một kiến nghị ở Hải Phòng từ nội dung của nó (xếp hạng, kèm lý do)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("text", help="nội dung kiến nghị (tiêu đề và nội dung)")
        parser.add_argument("--json", action="store_true", help="in JSON: [{agency, score, reasons}]")
        parser.add_argument("--top", type=int, default=5)

    def handle(self, *args, text: str, json: bool, top: int, **options) -> None:
        proposals = route_petition(text, top=top)
        if json:
            rows = [{"agency": p.agency.name, "score": round(p.score, 2), "reasons": p.reasons} for p in proposals]
            self.stdout.write(_dumps(rows))
            return
        for rank, proposal in enumerate(proposals, 1):
            self.stdout.write(f"{rank}. {proposal.agency.name} ({proposal.score:.1f})")
            for reason in proposal.reasons:
                self.stdout.write(f"   - {reason}")


def _dumps(rows: list) -> str:
    return jsonlib.dumps(rows, ensure_ascii=False, indent=2)

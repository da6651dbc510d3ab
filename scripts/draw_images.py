"""Draw the stand-in diagrams for notes/docker.md into images/.

The note's pasted screenshots are not available, so each file name gets a diagram of what
the surrounding text describes (Korean labels, no logos), at sizes like real screenshots.
Drawing is deterministic: running it again gives the same files.

    python scripts/draw_images.py [OUTDIR]
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "deckgen" / "fonts" / "NanumGothicBold.ttf"

INK = (33, 37, 41)
MUTED = (134, 142, 150)
HOST = (233, 236, 239)
HOST_EDGE = (173, 181, 189)
ENGINE = (208, 235, 255)
ENGINE_EDGE = (28, 126, 214)
BOX = (255, 255, 255)
CONTAINER = (211, 249, 216)
CONTAINER_EDGE = (47, 158, 68)
IMAGE = (255, 236, 153)
IMAGE_EDGE = (240, 140, 0)
DANGER = (224, 49, 49)
VM = (229, 219, 255)
VM_EDGE = (112, 72, 232)


class Canvas:
    def __init__(self, width: int, height: int):
        self.image = Image.new("RGB", (width, height), (255, 255, 255))
        self.draw = ImageDraw.Draw(self.image)
        self.width, self.height = width, height

    def font(self, size: int) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(str(FONT), size)

    def box(self, x, y, w, h, fill, edge, text="", size=40, color=INK, radius=22, width=5,
            dashed=False):
        if dashed:
            self._dashed_rect(x, y, w, h, edge, width)
        else:
            self.draw.rounded_rectangle((x, y, x + w, y + h), radius, fill=fill, outline=edge,
                                        width=width)
        if text:
            self.text(x + w / 2, y + h / 2, text, size, color)

    def _dashed_rect(self, x, y, w, h, edge, width, dash=24):
        for x0 in range(int(x), int(x + w), dash * 2):
            self.draw.line((x0, y, min(x0 + dash, x + w), y), fill=edge, width=width)
            self.draw.line((x0, y + h, min(x0 + dash, x + w), y + h), fill=edge, width=width)
        for y0 in range(int(y), int(y + h), dash * 2):
            self.draw.line((x, y0, x, min(y0 + dash, y + h)), fill=edge, width=width)
            self.draw.line((x + w, y0, x + w, min(y0 + dash, y + h)), fill=edge, width=width)

    def text(self, cx, cy, text, size=40, color=INK):
        font = self.font(size)
        lines = text.split("\n")
        pitch = size * 1.25
        top = cy - pitch * len(lines) / 2
        for index, line in enumerate(lines):
            width = self.draw.textlength(line, font=font)
            self.draw.text((cx - width / 2, top + index * pitch + (pitch - size) / 2 - size * 0.1),
                           line, font=font, fill=color)

    def arrow(self, x1, y1, x2, y2, color=INK, width=6, label="", size=32):
        self.draw.line((x1, y1, x2, y2), fill=color, width=width)
        angle = math.atan2(y2 - y1, x2 - x1)
        head = 26
        left = (x2 - head * math.cos(angle - 0.45), y2 - head * math.sin(angle - 0.45))
        right = (x2 - head * math.cos(angle + 0.45), y2 - head * math.sin(angle + 0.45))
        self.draw.polygon([(x2, y2), left, right], fill=color)
        if label:
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            font = self.font(size)
            w = self.draw.textlength(label, font=font)
            self.draw.rectangle((mx - w / 2 - 10, my - size * 0.75, mx + w / 2 + 10, my + size * 0.75),
                                fill=(255, 255, 255))
            self.text(mx, my, label, size, color)

    def heading(self, text, size=52):
        self.text(self.width / 2, 70, text, size)

    def save(self, path: Path) -> None:
        self.image.save(path, "PNG", optimize=True)


def container(c: Canvas, x, y, w, h, label="컨테이너", size=34):
    c.box(x, y, w, h, CONTAINER, CONTAINER_EDGE, label, size)


def docker_tool(path: Path) -> None:
    c = Canvas(1600, 900)
    c.heading("도커: 컨테이너를 만들고 관리하는 도구")
    c.box(110, 330, 400, 260, ENGINE, ENGINE_EDGE, "도커\n(Docker)", 56)
    names = ["앱 A", "앱 B", "앱 C"]
    for index, name in enumerate(names):
        y = 180 + index * 220
        c.box(930, y, 520, 170, CONTAINER, CONTAINER_EDGE, width=6)
        c.text(1190, y + 60, f"컨테이너 · {name}", 38)
        c.text(1190, y + 118, "격리된 공간", 30, MUTED)
        c.arrow(510, 460, 920, y + 85, ENGINE_EDGE, label=("생성" if index == 0 else
                                                        "관리" if index == 1 else "실행"))
    c.save(path)


def laptop(c: Canvas, x, y, w, h, label):
    c.box(x, y, w, h, HOST, HOST_EDGE, radius=18)
    c.draw.polygon([(x - 40, y + h), (x + w + 40, y + h), (x + w + 10, y + h + 40),
                    (x - 10, y + h + 40)], fill=HOST_EDGE)
    c.text(x + w / 2, y + h + 90, label, 38)


def server(c: Canvas, x, y, w, h, label):
    c.box(x, y, w, h, HOST, HOST_EDGE, radius=10)
    for row in range(1, 4):
        c.draw.line((x + 20, y + row * h / 4, x + w - 20, y + row * h / 4), fill=HOST_EDGE,
                    width=4)
    c.text(x + w / 2, y + h + 50, label, 38)


def same_everywhere(path: Path) -> None:
    c = Canvas(1600, 900)
    c.heading("개발 환경과 운영 환경에서 같은 컨테이너")
    laptop(c, 150, 220, 520, 360, "개발 환경 (내 노트북)")
    server(c, 930, 190, 520, 460, "운영 환경 (서버)")
    for x, y in ((200, 300), (980, 300)):
        container(c, x, y, 420, 200, "컨테이너\n앱 + 라이브러리 v1.2", 34)
    c.text(800, 400, "=", 120, CONTAINER_EDGE)
    c.text(800, 830, "같은 컨테이너라면 어디서나 똑같이 동작합니다", 36, MUTED)
    c.save(path)


def cloud(c: Canvas, cx, cy, label):
    for dx, dy, r in ((-90, 20, 90), (0, -30, 120), (100, 20, 90)):
        c.draw.ellipse((cx + dx - r, cy + dy - r, cx + dx + r, cy + dy + r), fill=HOST,
                       outline=HOST_EDGE, width=5)
    c.draw.rectangle((cx - 180, cy + 20, cx + 180, cy + 110), fill=HOST)
    c.draw.line((cx - 180, cy + 110, cx + 180, cy + 110), fill=HOST_EDGE, width=5)
    c.text(cx, cy + 180, label, 38)


def portable(path: Path) -> None:
    c = Canvas(1600, 900)
    c.heading("하나의 컨테이너, 어디서든 실행")
    container(c, 600, 140, 400, 140, "컨테이너 (앱)", 40)
    hosts = [(320, "노트북"), (800, "서버"), (1280, "클라우드")]
    for cx, label in hosts:
        c.arrow(800, 280, cx, 450, CONTAINER_EDGE)
    laptop(c, 170, 470, 300, 200, "노트북")
    container(c, 200, 520, 240, 100, "컨테이너", 30)
    server(c, 650, 460, 300, 260, "서버")
    container(c, 680, 530, 240, 100, "컨테이너", 30)
    cloud(c, 1280, 560, "클라우드")
    container(c, 1160, 530, 240, 100, "컨테이너", 30)
    c.save(path)


def vm_versus_container(path: Path) -> None:
    c = Canvas(2400, 1000)
    c.text(600, 70, "가상 머신 (VM)", 56)
    c.text(1800, 70, "컨테이너", 56)
    c.draw.line((1200, 130, 1200, 940), fill=HOST_EDGE, width=4)
    for base in (100, 1300):
        c.box(base, 830, 1000, 100, HOST, HOST_EDGE, "하드웨어 (CPU · 메모리 · 디스크)", 36)
        c.box(base, 710, 1000, 100, HOST, HOST_EDGE, "호스트 운영체제", 38)
    c.box(100, 590, 1000, 100, VM, VM_EDGE, "하이퍼바이저", 38)
    c.box(1300, 590, 1000, 100, ENGINE, ENGINE_EDGE, "도커 엔진", 38)
    for index in range(3):
        x = 100 + index * 340
        c.box(x, 410, 320, 160, VM, VM_EDGE, "게스트 OS", 34)
        c.box(x, 290, 320, 100, BOX, HOST_EDGE, "라이브러리", 32)
        c.box(x, 170, 320, 100, CONTAINER, CONTAINER_EDGE, f"앱 {'ABC'[index]}", 34)
        x = 1300 + index * 340
        c.box(x, 470, 320, 100, BOX, HOST_EDGE, "라이브러리", 32)
        c.box(x, 350, 320, 100, CONTAINER, CONTAINER_EDGE, f"앱 {'ABC'[index]}", 34)
    c.text(1800, 230, "운영체제를 공유해 가볍고 빠르게 시작", 40, CONTAINER_EDGE)
    c.save(path)


def engine_stack(path: Path) -> None:
    c = Canvas(1200, 1200)
    c.heading("컨테이너를 만들려면 도커 엔진이 필요")
    c.box(100, 1000, 1000, 110, HOST, HOST_EDGE, "호스트 운영체제 (리눅스)", 42)
    c.box(100, 860, 1000, 120, ENGINE, ENGINE_EDGE, "도커 엔진", 46)
    for index in range(3):
        container(c, 130 + index * 320, 600, 300, 220, f"컨테이너 {index + 1}", 36)
        c.box(130 + index * 320, 200, 300, 150, IMAGE, IMAGE_EDGE, "이미지", 38)
        c.arrow(280 + index * 320, 350, 280 + index * 320, 590, IMAGE_EDGE, label="실행")
    c.save(path)


def desktop_vm(path: Path) -> None:
    c = Canvas(1600, 900)
    c.heading("Windows · macOS의 도커는 작은 리눅스 VM 안에서 실행")
    c.box(80, 150, 1440, 700, HOST, HOST_EDGE, radius=30)
    c.text(800, 200, "Windows / macOS", 44)
    c.box(180, 260, 1240, 540, VM, VM_EDGE, radius=26)
    c.text(800, 310, "리눅스 가상 머신 (작은 VM)", 40, VM_EDGE)
    c.box(260, 680, 1080, 90, ENGINE, ENGINE_EDGE, "도커 엔진", 38)
    for index in range(3):
        container(c, 260 + index * 370, 380, 340, 260, "컨테이너\n리눅스용 프로그램", 32)
    c.save(path)


def image_to_containers(path: Path) -> None:
    c = Canvas(1600, 900)
    c.heading("이미지로 실행한 인스턴스가 컨테이너")
    for layer in range(3):
        c.box(150, 520 - layer * 90, 420, 80, IMAGE, IMAGE_EDGE, radius=12)
    c.text(360, 700, "이미지 (읽기 전용)", 40)
    for index in range(3):
        y = 170 + index * 230
        container(c, 1050, y, 420, 170, f"컨테이너 {index + 1}\n실행 중 · 읽기/쓰기", 34)
        c.arrow(570, 430, 1040, y + 85, CONTAINER_EDGE, label="실행" if index == 1 else "")
    c.save(path)


def library_conflict(path: Path) -> None:
    c = Canvas(1600, 900)
    c.heading("프로그램끼리 라이브러리를 함께 쓰면 충돌")
    c.box(140, 200, 460, 170, BOX, HOST_EDGE, "프로그램 A\n라이브러리 v1 필요", 38)
    c.box(1000, 200, 460, 170, BOX, HOST_EDGE, "프로그램 B\n라이브러리 v2 필요", 38)
    c.box(530, 590, 540, 160, IMAGE, IMAGE_EDGE, "공유 라이브러리 v1", 40)
    c.arrow(370, 370, 640, 580, INK)
    c.arrow(1230, 370, 960, 580, DANGER)
    c.draw.line((1050, 430, 1130, 510), fill=DANGER, width=12)
    c.draw.line((1130, 430, 1050, 510), fill=DANGER, width=12)
    c.text(1300, 480, "버전 충돌!", 44, DANGER)
    c.text(800, 830, "예상치 못한 오류가 발생합니다", 36, MUTED)
    c.save(path)


def lifecycle(path: Path) -> None:
    c = Canvas(2400, 1000)
    c.text(1200, 80, "도커 컨테이너 생명주기", 60)
    states = [("생성됨", "created"), ("실행 중", "running"), ("일시 정지", "paused"),
              ("정지됨", "stopped"), ("삭제됨", "removed")]
    xs = [120, 580, 1040, 1500, 1960]
    y = 420
    fills = [HOST, CONTAINER, IMAGE, VM, (255, 227, 227)]
    edges = [HOST_EDGE, CONTAINER_EDGE, IMAGE_EDGE, VM_EDGE, DANGER]
    for (label, english), x, fill, edge in zip(states, xs, fills, edges):
        c.box(x, y, 320, 180, fill, edge, width=7)
        c.text(x + 160, y + 70, label, 48)
        c.text(x + 160, y + 130, english, 34, MUTED)
    commands = ["docker start", "docker pause", "docker stop", "docker rm"]
    for x, command in zip(xs, commands):
        c.arrow(x + 320, y + 90, x + 460, y + 90, INK, width=7)
        c.text(x + 390, y - 50, command, 32, ENGINE_EDGE)
    c.arrow(1200, y + 180, 1200, y + 300, INK)
    c.draw.line((1200, y + 300, 740, y + 300), fill=INK, width=6)
    c.arrow(740, y + 300, 740, y + 190, INK)
    c.text(970, y + 350, "docker unpause", 32, ENGINE_EDGE)
    c.text(280, y - 50, "docker create", 32, ENGINE_EDGE)
    c.save(path)


def writable_layers(path: Path) -> None:
    c = Canvas(1600, 900)
    c.heading("하나의 이미지, 컨테이너마다 쓰기 가능한 레이어")
    for layer, name in enumerate(("베이스 레이어", "라이브러리 레이어", "앱 레이어")):
        c.box(200, 700 - layer * 95, 1200, 85, IMAGE, IMAGE_EDGE, name, 34, radius=12)
    c.text(800, 830, "이미지 (읽기 전용, 함께 사용)", 36, MUTED)
    for index in range(3):
        x = 220 + index * 400
        c.box(x, 260, 360, 120, CONTAINER, CONTAINER_EDGE, "쓰기 가능 레이어", 32, dashed=False)
        c.text(x + 180, 220, f"컨테이너 {index + 1}", 38)
        c.arrow(x + 180, 380, x + 180, 500, CONTAINER_EDGE)
    c.save(path)


def image_layers(path: Path) -> None:
    c = Canvas(1200, 1200)
    c.heading("이미지는 읽기 전용 레이어를 쌓은 것")
    layers = ["베이스 이미지 (ubuntu)", "패키지 설치", "앱 코드 복사", "실행 설정"]
    for index, name in enumerate(layers):
        y = 940 - index * 150
        c.box(160, y, 880, 130, IMAGE, IMAGE_EDGE, name, 42, radius=14)
        c.text(1090, y + 65, "R/O", 28, MUTED)
    c.box(160, 240, 880, 130, BOX, CONTAINER_EDGE, "컨테이너 레이어 (쓰기 가능)", 40, dashed=True)
    c.text(600, 1140, "아래 네 층이 이미지, 맨 위는 실행할 때 생긴다", 34, MUTED)
    c.save(path)


DRAWINGS = {
    "Pasted image 20240102235107.png": docker_tool,
    "Pasted image 20240103141904.png": same_everywhere,
    "Pasted image 20240103152442.png": portable,
    "Pasted image 20240103151140.png": vm_versus_container,
    "Pasted image 20240103141131.png": engine_stack,
    "Pasted image 20240103141632.png": desktop_vm,
    "Pasted image 20241125164724.png": image_to_containers,
    "Pasted image 20240103141806.png": library_conflict,
    "Pasted image 20241125164812.png": lifecycle,
    "Pasted image 20241207165237.png": writable_layers,
    "Pasted image 20241207165246.png": image_layers,
}


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "images"
    out.mkdir(parents=True, exist_ok=True)
    for name, draw in DRAWINGS.items():
        draw(out / name)
        print(out / name)


if __name__ == "__main__":
    main()

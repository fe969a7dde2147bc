"""Write the README screenshots (docs/img/{home,event,entity}.png, desktop width, each < 300 kB).

    python web/screenshots.py            # needs /usr/bin/chromium and `pip install playwright`

Builds a store from the built-in examples in a temporary folder, serves it on 127.0.0.1 and
photographs the home page, an event's article page and that event's actor's entity page.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fixtures_serve import LiveServer  # noqa: E402

from playwright.sync_api import sync_playwright  # noqa: E402

from warta.api import examples_dir, ingest  # noqa: E402
from warta.serve import create_app  # noqa: E402
from warta.store.store import Store  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    out = ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "shots.db") as store:
        ingest([examples_dir()], store)
        ev = next(e for e in store.events(limit=None, order="doc")
                  if e.get("trigger") and e["actor"] and e["recipient"] and e["actor"][0].get("entity_id"))
        with LiveServer(create_app(store, token="")) as srv, sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = b.new_page(viewport={"width": 1280, "height": 860})
            for name, path in (("home", "/"), ("event", f"/events/{ev['id']}"),
                               ("entity", f"/entities/{ev['actor'][0]['entity_id']}")):
                page.goto(srv.url + path)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                page.evaluate("() => window.scrollTo(0, 0)")
                f = out / f"{name}.png"
                page.screenshot(path=str(f))
                size = f.stat().st_size
                print(f"{f.relative_to(ROOT)}: {size // 1024} kB")
                assert size < 300_000, f"{f} is too large"
            b.close()


if __name__ == "__main__":
    main()

"""The app as `cabildo serve` will run it, with the web pages and the audit mounted (for the browser tests)."""

from __future__ import annotations

import argparse

import uvicorn

from query_api import audit
from query_api.app import create_app
from query_api.settings import Settings
from query_api.web import pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    settings = Settings.from_env().with_overrides(store_dir=args.store, workers=1)
    app = create_app(settings, extra_routers=[pages.router, audit.router])
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()

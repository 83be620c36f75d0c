"""thituyen: open, verifiable competitive exams for leadership posts."""

from __future__ import annotations

import os

from flask import Flask

from exam import cli, config, db, i18n, web


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=config.instance_path(),
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    os.makedirs(app.instance_path, exist_ok=True)
    config.load(app, test_config)
    db.Database(app.config["DATABASE_URL"], **config.engine_options(app.config)).init_app(app)
    i18n.init_app(app)
    web.init_app(app)
    web.register_blueprints(app)
    cli.register(app)
    from exam.sitting import lean

    lean.mount(app)  # exam day's autosave beside Flask (PostgreSQL)
    if app.config["PROXY_HOPS"]:  # outermost: every path sees the client's own address
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    return app

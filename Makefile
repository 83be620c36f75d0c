# Two commands on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench lint translations clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/thituyen db upgrade
	$(BIN)/thituyen keys create-dev --if-missing
	$(BIN)/thituyen demo --if-empty
	@# rate limits are counted in Redis, shared by the workers; start a local one if none answers
	@$(BIN)/python -c 'from exam.config import redis_reachable as r; raise SystemExit(not r())' \
		|| { command -v redis-server >/dev/null \
		     && redis-server --port 6379 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >/dev/null \
		     && sleep 0.5 && echo "Started redis-server on 127.0.0.1:6379 for shared rate limits"; } \
		|| echo "WARNING: no Redis (apt-get install redis-server): rate limits are counted per worker"
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl-C to stop)"
	@# the exam-day worker (queued receipts, start log) runs beside the server and stops with it
	$(BIN)/thituyen sitting work & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	THITUYEN_INSECURE_COOKIES=1 THITUYEN_BIND=$(HOST):$(PORT) THITUYEN_ACCESS_LOG=- \
		$(BIN)/gunicorn --config gunicorn.conf.py 'exam:create_app()'

test: $(VENV)/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py $(if $(QUICK),--quick,)

lint: $(VENV)/.installed
	$(BIN)/ruff check .

translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 -w 100 -o exam/translations/messages.pot .
	$(BIN)/pybabel update -i exam/translations/messages.pot -d exam/translations --no-fuzzy-matching -w 100
	$(BIN)/pybabel compile -d exam/translations

clean:
	rm -rf $(VENV) .pytest_cache

# Two commands on a fresh machine: `make run` starts the bot, `make test` runs the checks.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test bench lint

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/wijkbot run

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy bot

test: lint
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) bench/matcher.py --questions bench/questions_d.yaml bench/questions_c.yaml bench/questions_e.yaml \
		../shared/eval/dev_questions.yaml bench/questions_a.yaml bench/questions_b.yaml
	$(PY) bench/steps.py
	$(PY) bench/throughput.py
	$(PY) bench/startup.py

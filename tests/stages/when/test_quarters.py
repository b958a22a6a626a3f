"""The quarters of a financial report, read across it."""

from __future__ import annotations

from tests.stages.when.helpers import told


def test_year_ago_in_a_quarterly_report_is_the_same_quarter_a_year_before(code):
    text = (
        "Acme Corp. said its third-quarter net income rose 12% to $40 million. "
        "A year earlier, the company earned $35.7 million. "
        "For the nine months, profit rose from a year earlier."
    )
    values = told(code, text, "1989-10-26")
    assert ("A year earlier", "1988-Q3") in values and ("a year earlier", "1988") in values


def test_the_quarter_a_report_names_is_the_one_meant_further_on(code):
    text = (
        "Acme Corp. reported a loss for the fiscal first quarter. "
        "Its stores sold 9,000 bicycles in the quarter, the chairman said."
    )
    values = told(code, text, "1989-10-26")
    assert ("the quarter", "1989-Q1") in values


def test_a_later_report_in_a_roundup_means_its_own_quarter(code):
    text = (
        "Northwind Steel posted a 40% drop in third-quarter profit, hurt by a furnace outage.\n\n"
        "Separately, Harbor Mills reported a fiscal second-quarter loss. Sales in the quarter "
        "ended Sept. 30 "
        "fell to $80 million. The latest period includes a gain of $2 million from a land sale."
    )
    values = told(code, text, "1989-10-26")
    assert ("third-quarter", "1989-Q3") in values and ("The latest period", "1989-Q2") in values


def test_a_numbered_quarter_ended_on_a_day_is_in_that_days_year_and_that_quarter_refers_back(code):
    text = (
        "The grain trader changed its fiscal year last spring. In the comparable year-ago quarter, "
        "the second "
        "quarter ended Oct. 31, it lost $3 million. Results for that quarter included a write-down."
    )
    values = told(code, text, "1989-10-27")
    assert ("the second quarter", "1988-Q2") in values and ("that quarter", "1988-Q2") in values
    # the quarter the apposition describes is that one, not the calendar quarter a year back
    assert ("the comparable year-ago quarter", "1988-Q2") in values


def test_last_years_figures_after_a_quarter_are_that_quarter_a_year_before(code):
    text = (
        "Harbor Mills reported a fiscal second-quarter loss. The latest period includes a gain "
        "from a land sale. "
        "Last year's results were hurt by a strike. Some had predicted profit of $4 a share for "
        "this year, "
        "up from last year's $3.27 a share."
    )
    values = told(code, text, "1989-10-26")
    assert ("Last year", "1988-Q2") in values and ("last year", "1988") in values
    text = (
        "Harbor Mills reported a fiscal second-quarter loss. Its shipping unit earned $4 million, "
        "compared with "
        "a loss of $3 million last year."
    )
    assert ("last year", "1988-Q2") in told(code, text, "1989-10-26")

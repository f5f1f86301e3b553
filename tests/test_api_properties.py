"""Property-based tests of the search and the open-data API: no query text, parameter or
combination of them gives an exception or a 500. `make fuzz` runs 10,000 examples each."""
from __future__ import annotations

import os
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index import SearchQuery, Searcher
from index.fields import FACETS

EXAMPLES = int(os.environ.get("WBP_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

WORDS = st.sampled_from(['"', "title:(", "AND", "OR", "NOT", "*", "?", "~2", "^3", "(", ")", "Schweißen", "Stapler",
                         "Erste Hilfe", "\x00", "\u202e", "ß", "-", "--", "AdA", "'", "\\", "%", "<script>", "ＳＰＳ"])
TEXT = st.one_of(st.text(max_size=120), st.lists(WORDS, max_size=8).map(" ".join))
PARAM_NAMES = st.sampled_from(["q", "page", "page_size", "sort", "near", "radius", "from", "to", "rolling",
                               "max_price", "max_hours", "past", *FACETS, "unknown"])
PARAMS = st.lists(st.tuples(PARAM_NAMES, st.one_of(TEXT, st.integers(-10**6, 10**9).map(str),
                                                    st.sampled_from(["2027-02-30", "0", "1", "nan", "inf", "1e309",
                                                                     "Annaberg", "09456", "-5"]))), max_size=8)


@FUZZ
@given(TEXT, st.sampled_from(["relevance", "start", "price", "distance", "x"]))
def test_search_never_raises(index_store, text, sort):
    result = Searcher(index_store).search(SearchQuery(text=text, sort=sort, near=(50.6, 12.9), radius_km=30))
    assert result.total >= 0 and len(result.hits) <= result.page_size


@FUZZ
@given(PARAMS, st.sampled_from(["/", "/api/offers", "/export.csv", "/vorschlaege"]))
def test_api_and_pages_never_give_500(client, params, path):
    response = client.get(path + "?" + urlencode(params))
    assert response.status_code == 200, (path, params)

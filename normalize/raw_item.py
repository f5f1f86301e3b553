"""The raw item contract between the crawlers and normalization, as a type.

A crawl runs in its own process and writes raw items to JSONL (`var/raw/<source>/<run>.jsonl`);
normalization reads them back, possibly much later and written by an older crawler version
(a `renormalize` job in schedules.yaml re-reads stored raw items without crawling). The two sides never call each other, so the
only thing that keeps them in step is this contract. It is defined here once and both sides
name it: `crawlers.spider.GenericSpider.raw_item` builds `RawItem`s and `normalize.build_offer`
reads them, so a key renamed or added on one side is visible to a type checker on the other.
ARCHITECTURE.md ("The raw item contract") describes it in prose.

It lives in `normalize` (the consumer, which owns the schema) rather than in `crawlers` so that
normalization does not depend on Scrapy. The module imports nothing of ours and nothing outside
the standard library; the crawlers import it only for type checking (under `TYPE_CHECKING`),
which keeps the crawl process free of pydantic and the parsers.

Values are strings as found on the page (HTML allowed; normalize reduces it to plain text), with
two exceptions: `price` may be a number (JSON APIs, schema.org), and `sessions` is a list of
`[start, end]` pairs: ISO date-times (iCalendar series) or a German date with a time of day
("12.03.2027 09:00", from XML session lists and session tables; crawlers.extract.extract_sessions). A source's configuration may name further
fields; normalize ignores keys it does not know.
"""
from typing import Required, TypedDict, Union


class RawItem(TypedDict, total=False):
    """One offer (or one run of a course) as a crawler found it.

    Required (always set by `GenericSpider.raw_item`): `source`, `url`, `page_url`,
    `fetched_at`, `provider`. Everything else is present only when the page gave it.
    """

    # -- always present ------------------------------------------------------------------------
    source: Required[str]          # key of the source in sources.yaml
    url: Required[str]             # the offer's page (where it can be booked)
    page_url: Required[str]        # the page the item was extracted from
    fetched_at: Required[str]      # ISO timestamp (UTC, seconds) of the fetch
    provider: Required[str]        # the provider's name (source config's `provider` unless the page names one)

    # -- any of ----------------------------------------------------------------------------------
    title: str
    description: str
    schedule: str                  # date wording ("15.06. - 25.06.2027", "ab März")
    times: str                     # time-of-day wording ("dienstags 18:00-19:30 Uhr")
    start: str                     # ISO or German date
    end: str
    duration: str                  # "40 UE", "3 Tage", "PT30H"
    price: Union[str, float, int]  # "1.290,00 € (MwSt.-frei)" or a number
    format: str                    # the provider's wording; parse_format maps it to a Format
    place: str                     # free address text
    location_name: str
    street: str
    postal_code: str
    town: str
    lat: Union[str, float]         # the venue's own coordinates (WGS84), where the source gives them
    lon: Union[str, float]
    category: str                  # the provider's own label
    funding: str                   # the provider's wording; detect_funding maps it to Funding ids
    certificate: str
    language: str
    provider_ref: str              # the provider's id of this run
    course_ref: str                # the provider's id of the course (shared by its runs)
    sessions: list[list[str]]      # [[start, end], ...] ISO or "dd.mm.yyyy HH:MM": iCal series, session lists
    deadline: str                  # registration deadline wording ("Anmeldeschluss: 15.01.2027")
    contact_email: str             # contact for this run as the page gives it
    contact_phone: str
    contact_url: str


REQUIRED_KEYS: frozenset[str] = RawItem.__required_keys__
"""Keys every raw item has."""
RAW_KEYS: frozenset[str] = frozenset(RawItem.__annotations__)
"""Every key of the contract (a source's configuration may add more, which normalize ignores)."""

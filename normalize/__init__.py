"""The course schema and the parsers that map raw crawler items onto it.

Depends on nothing else of this project: crawlers, index, web UI and orchestration import it.
"""
from .build import OfferError, build_offer
from .categories import category_label, classify, taxonomy
from .dates import DateParse, parse_dates
from .dedupe import dedupe_key, merge_duplicates
from .durations import DurationParse, detect_time_model, parse_duration
from .enums import (CERTIFICATE_LABELS, CERTIFICATES, FORMAT_LABELS, FORMATS, FUNDING_LABELS, FUNDINGS, MONTH_NAMES,
                    TIME_MODEL_LABELS, TIME_MODELS, TimeModel)
from .formats import parse_format
from .funding import detect_certificate, detect_funding
from .places import PlaceParse, distance_km, gazetteer, parse_place
from .prices import PriceParse, parse_price
from .raw_item import RawItem
from .schema import FIELD_NAMES, Certificate, Format, Funding, Listing, Location, Offer, offer_json_schema
from .text import plain_text

__all__ = [
    "CERTIFICATES", "CERTIFICATE_LABELS", "FORMATS", "FORMAT_LABELS", "FUNDINGS", "FUNDING_LABELS", "MONTH_NAMES",
    "TIME_MODELS", "TIME_MODEL_LABELS", "RawItem", "TimeModel",
    "Certificate", "DateParse", "DurationParse", "FIELD_NAMES", "Format", "Funding", "Listing", "Location",
    "Offer", "OfferError", "PlaceParse", "PriceParse", "build_offer", "category_label", "classify", "dedupe_key",
    "detect_certificate", "detect_funding", "detect_time_model", "distance_km", "gazetteer", "merge_duplicates", "offer_json_schema",
    "parse_dates", "parse_duration", "parse_format", "parse_place", "parse_price", "plain_text",
    "taxonomy",
]

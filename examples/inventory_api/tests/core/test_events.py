import pytest

from core.errors import ValidationError
from core.events import Counted, Event, Received, Shipped


def test_registry_is_filled_by_subclassing():
    assert Event.registry == {"received": Received, "shipped": Shipped, "counted": Counted}


def test_new_kinds_register_themselves(monkeypatch):
    monkeypatch.setattr(Event, "registry", dict(Event.registry))

    class Returned(Event, kind="returned"):
        sign = 1

    assert Event.from_dict({"kind": "returned", "sku": "A", "qty": 2}).delta == 2


@pytest.mark.parametrize("kind, delta", [("received", 5), ("shipped", -5), ("counted", 0)])
def test_from_dict_and_delta(kind, delta):
    event = Event.from_dict({"kind": kind, "sku": "A", "qty": "5", "at": "2024-01-01T00:00Z"})
    assert event.kind == kind
    assert event.delta == delta


def test_unknown_kind():
    with pytest.raises(ValidationError, match=r"^unknown event kind 'lost'$"):
        Event.from_dict({"kind": "lost", "sku": "A", "qty": 1})


def test_events_are_stamped_with_the_clock(frozen_clock):
    assert Received("A", 1).at == "2024-05-17T09:30Z"


def test_to_dict_round_trips():
    event = Shipped("A", 3, "2024-02-02T12:00Z")
    assert Event.from_dict(event.to_dict()).to_dict() == event.to_dict()

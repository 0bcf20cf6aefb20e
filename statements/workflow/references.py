"""Official reference numbers: ``N/YYYY``, sequential within the year.

One counter row per year is the source of the next number; the importer and
the workflow both go through here, so neither can hand out a number the other
already gave (nor reuse one freed by deleting a statement).
"""

from django.db import transaction

from statements.models import ReferenceCounter, Statement


def _highest_given(year):
    counter = (
        ReferenceCounter.objects.filter(year=year)
        .values_list("last_number", flat=True)
        .first()
    )
    taken = (
        Statement.objects.filter(reference_year=year)
        .order_by("-reference_number")
        .values_list("reference_number", flat=True)
        .first()
    )
    return max(counter or 0, taken or 0)


def next_reference_number(year):
    """The number the next publication in ``year`` would get (not taken yet)."""
    return _highest_given(year) + 1


def take_reference_number(year):
    """Take the next number of ``year`` for good.

    The year's counter row is locked while the number is taken, so numbers
    have neither gaps nor duplicates however many editors publish at once.
    """
    with transaction.atomic():
        ReferenceCounter.objects.bulk_create(
            [ReferenceCounter(year=year)], ignore_conflicts=True
        )
        counter = ReferenceCounter.objects.select_for_update().get(year=year)
        number = _highest_given(year) + 1
        counter.last_number = number
        counter.save(update_fields=["last_number"])
    return number


def record_given(year, number):
    """Keep the counter at or above a number given outside take_reference_number
    (an imported reference)."""
    current = (
        ReferenceCounter.objects.filter(year=year)
        .values_list("last_number", flat=True)
        .first()
    )
    if current is None:
        ReferenceCounter.objects.bulk_create(
            [ReferenceCounter(year=year, last_number=number)], ignore_conflicts=True
        )
    if current is None or current < number:
        # Only writes when behind, so an unchanged import writes nothing.
        ReferenceCounter.objects.filter(year=year, last_number__lt=number).update(
            last_number=number
        )

"""Official reference numbers: ``N/YYYY``, sequential within the year."""

from django.db.models import Max

from statements.models import Statement


def next_reference_number(year):
    """The number after the highest one already given in ``year`` (1 if none).

    Call it inside the transaction that saves the reference. Two transactions
    running at once can still be handed the same number; the unique constraint
    on (year, number) then refuses the second save rather than duplicating it.
    """
    highest = Statement.objects.filter(reference_year=year).aggregate(
        highest=Max("reference_number")
    )["highest"]
    return (highest or 0) + 1

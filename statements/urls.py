from django.urls import path

from statements.public import feeds, views

app_name = "statements"

urlpatterns = [
    path("", views.home, name="home"),
    path("statements/", views.statement_list, name="list"),
    path("statements/feed/", feeds.LatestStatementsFeed(), name="feed"),
    path("statements/feed/atom/", feeds.LatestStatementsAtomFeed(), name="feed_atom"),
    path("statements/<slug:slug>/", views.statement_detail, name="detail"),
    path("statements/<slug:slug>/preview/", views.statement_preview, name="preview"),
    path("search/", views.search, name="search"),
    path("anniversaries/", views.anniversary_list, name="anniversaries"),
    path(
        "anniversaries/calendar.ics",
        views.anniversary_calendar,
        name="anniversary_calendar",
    ),
    path("anniversaries/<slug:key>/", views.commemoration_detail, name="commemoration"),
]

# Shared by every page: the header, the footer, dates and counts.
# Messages are grouped by the template or module that uses them.

## Dates: `date-time` spells a moment for readers anywhere (always in UTC).

date-time = { $day } { $month } { $year }, { $time } UTC
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec

## Counts

comment-count = { $count ->
    [0] No comments yet
    [one] { $count } comment
   *[other] { $count } comments
}

## base.html: header, navigation and footer

skip-to-content = Skip to content
nav-site = Site
nav-house-rules = House rules
nav-notifications = Notifications
nav-unread = unread
nav-moderation = Moderation
nav-admin = Admin
nav-log-out = Log out
nav-log-in = Log in
nav-sign-up = Sign up
frame-signed-in-as = Signed in as
frame-sign-out = Sign out
frame-sign-in = Sign in or sign up
footer-powered-by = Powered by Tribune.
footer-api = API
language-menu = Language
language-choose = Change

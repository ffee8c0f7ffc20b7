# script
# Sentences the page's scripts show or announce; ids start with `js-` and the page
# carries them as JSON (see `i18n::script_messages`).

# The button offered when article or comment text is selected.
js-quote-button = Quote in your comment
# Live updates: the bar over new comments (`{count}` is replaced by the script with the number).
js-live-show-one = 1 new comment: show it
js-live-show-other = { "{count}" } new comments: show them
# Announced politely to screen readers when new comments arrive, and once they are shown.
js-new-comment-one = 1 new comment
js-new-comment-other = { "{count}" } new comments
js-new-comment-shown-one = 1 new comment shown
js-new-comment-shown-other = { "{count}" } new comments shown
# When a comment on the open page is removed.
js-comment-removed = This comment was removed.
# When too much changed while the page was open.
js-live-reload = The discussion has changed: reload it

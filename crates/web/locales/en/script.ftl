# script
# Sentences the page's scripts show or announce; ids start with `js-` and the page
# carries them as JSON (see `i18n::script_messages`).

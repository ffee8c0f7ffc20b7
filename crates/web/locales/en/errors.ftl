# errors

error-page-title = Error
error-unexpected = Something went wrong on our side. Please try again in a moment.
error-unknown-language = Tribune does not speak that language yet. Choose one from the menu at the foot of the page.

# errors

error-page-title = Erreur
error-unexpected = Un problème est survenu de notre côté. Veuillez réessayer dans un instant.
error-unknown-language = Tribune ne parle pas encore cette langue. Choisissez-en une dans le menu en bas de page.

# script
# Phrases affichées ou annoncées par les scripts de la page (identifiants `js-`).

js-quote-button = Citer dans votre commentaire
js-live-show-one = 1 nouveau commentaire : l’afficher
js-live-show-other = { "{count}" } nouveaux commentaires : les afficher
js-new-comment-one = 1 nouveau commentaire
js-new-comment-other = { "{count}" } nouveaux commentaires
js-new-comment-shown-one = 1 nouveau commentaire affiché
js-new-comment-shown-other = { "{count}" } nouveaux commentaires affichés
js-comment-removed = Ce commentaire a été retiré.
js-live-reload = La discussion a changé : la recharger

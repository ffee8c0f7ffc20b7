# moderation
# Pages des modérateurs (moderation/*.html) et des administrateurs (admin/*.html).

## Noms des valeurs que voient les modérateurs

moderation-status-published = publié
moderation-status-held = retenu
moderation-status-rejected = refusé
moderation-role-reader = lecteur
moderation-role-moderator = modérateur
moderation-role-admin = administrateur
admin-policy-open = ouverts
admin-policy-post-moderated = modérés après publication
admin-policy-pre-moderated = modérés avant publication
admin-policy-pre-moderate-untrusted = modérés avant publication, sauf comptes de confiance
admin-policy-closed = fermés

## Communs aux pages de modération

moderation-title = Modération
moderation-back-to-queues = Retour aux files
moderation-joined = inscrit le { $date }
moderation-colon = {"\u00A0"}:

## moderation/entry.html

moderation-entry-on = sur
moderation-entry-featured = mis en avant
moderation-entry-deleted = supprimé
moderation-entry-risk-explained = Risque selon l’évaluation automatique
moderation-entry-risk = risque { $risk } %
moderation-entry-risk-meter = Risque de { $risk } pour cent
moderation-entry-assessment = évaluation : { $decision }
moderation-entry-moderator-note = Modération :
moderation-entry-rejected = Refusé :
moderation-entry-reasons = Pourquoi l’évaluation l’a signalé
moderation-entry-reports = Signalements des lecteurs
moderation-entry-report-from = par
moderation-entry-approve = Approuver
moderation-entry-comment-by = le commentaire de
moderation-entry-reject-reason-label = Motif du refus, montré à
moderation-entry-reject-reason-placeholder = Motif que verra l’auteur
moderation-entry-reject-reason-default = Enfreint les règles de la maison
moderation-entry-reject = Refuser
moderation-entry-feature = Mettre en avant
moderation-entry-unfeature = Ne plus mettre en avant
moderation-entry-dismiss-reports = Classer les signalements
moderation-entry-details = Détails, modification, note
moderation-entry-scores = Scores

## moderation/queue.html

moderation-queues = Files
moderation-queue-held = Retenus ({ $count })
moderation-queue-reported = Signalés ({ $count })
moderation-queue-recent = Publiés récemment
moderation-queue-rejected = Refusés
moderation-queue-search = Rechercher
moderation-queue-audit-log = Journal d’audit
moderation-filter-article = Article (slug)
moderation-filter-author = Auteur (n° de compte)
moderation-filter-reason = Motif
moderation-filter-submit = Filtrer
moderation-shortcuts = Clavier :
moderation-shortcut-next-previous = suivant/précédent
moderation-shortcut-approve = approuver
moderation-shortcut-reject = refuser (saisir le motif, puis Entrée)
moderation-shortcut-feature = mettre en avant
moderation-shortcut-dismiss = classer les signalements
moderation-shortcut-open = ouvrir
moderation-queue-empty = Rien ici.
moderation-queue-held-empty = Aucun commentaire n’attend la modération.

## moderation/search.html

moderation-search-title = Rechercher des commentaires
moderation-search-words = Mots du commentaire (tous)
moderation-search-submit = Rechercher
moderation-search-count = { $count ->
        [one] { $count } commentaire, du plus récent au plus ancien.
       *[other] { $count } commentaires, du plus récent au plus ancien.
    }
moderation-search-none = Aucun commentaire ne contient tous ces mots.

## moderation/comment.html

moderation-comment-title = Commentaire { $id }
moderation-comment-heading = Commentaire de
moderation-comment-history = Historique
moderation-edit-heading = Modifier avec une note publique
moderation-edit-text = Texte
moderation-edit-note = Note affichée avec le commentaire (ce que vous avez changé et pourquoi)
moderation-edit-note-placeholder = Modifié pour retirer une attaque personnelle
moderation-edit-submit = Enregistrer la modification
moderation-note-heading = Note publique
moderation-note-label = Note affichée sous le commentaire (vide, elle est retirée)
moderation-note-placeholder = Merci de rester dans le sujet
moderation-note-submit = Enregistrer la note
moderation-author-heading = L’auteur
moderation-author-trusted = de confiance
moderation-discussion-heading = La discussion
moderation-discussion-note = Note au-dessus de toute la discussion (vide, elle est retirée)
moderation-discussion-note-placeholder = Modération : merci de rester dans le sujet
moderation-discussion-note-submit = Enregistrer la note de discussion
moderation-discussion-close = Fermer la discussion
moderation-discussion-reopen = La rouvrir

## moderation/user.html

moderation-user-public-profile = Profil public
moderation-user-trusted = de confiance : sans prémodération
moderation-user-standing = Statut
moderation-user-unban = Lever le bannissement
moderation-user-ban-days = Jours (vide : définitif)
moderation-user-ban-reason = Motif, qui lui sera montré
moderation-user-ban-remove-comments = Retirer aussi tous ses commentaires
moderation-user-ban = Bannir
moderation-user-distrust = Retirer la confiance
moderation-user-trust = Faire confiance (sans prémodération)
moderation-user-comments = Commentaires
moderation-user-no-comments = Aucun commentaire.

## admin/index.html

admin-title = Administration
admin-heading = Administration
admin-articles = Articles
admin-articles-count = { $count ->
        [one] { $count } publié
       *[other] { $count } publiés
    }
admin-accounts = Comptes
admin-accounts-count = { $count ->
        [one] { $count } compte
       *[other] { $count } comptes
    }
admin-newsroom-feeds = Flux de la rédaction
admin-newsroom-feeds-summary = une discussion pour chaque nouvel article
admin-import-comments = Importer des commentaires
admin-import-comments-summary = depuis Disqus, WordPress, Commento ou Remark42
admin-comments = Commentaires
admin-comments-count = { $count ->
        [one] { $count } conservé
       *[other] { $count } conservés
    }
admin-api-intro = Les systèmes de la rédaction publient par l’API avec un jeton créé par
admin-api-see = {"\u00A0"}; voir
admin-api-document = le document OpenAPI

## admin/articles.html

admin-articles-new = Nouvel article
admin-articles-headline = Titre
admin-articles-published = Publication
admin-articles-comments = Commentaires
admin-articles-policy = Règle
admin-actions = Actions
admin-articles-edit = Modifier
admin-articles-older = Articles plus anciens
admin-articles-none = Aucun article pour l’instant.

## admin/article_form.html

admin-article-edit-title = Modifier l’article
admin-article-edit-heading = Modifier « { $headline } »
admin-article-headline = Titre
admin-article-slug = Slug
admin-article-slug-hint = Lettres minuscules, chiffres et traits d’union ; tiré du titre s’il est vide.
admin-article-lead = Chapô
admin-article-body = Corps
admin-article-body-hint = Markdown ; un paragraphe par bloc séparé par une ligne vide.
admin-article-byline = Signature
admin-article-byline-hint = Par exemple : Par Idris Pelham
admin-article-dateline = Lieu
admin-article-dateline-hint = Par exemple : LOWER BRENNICK
admin-article-credit = Crédits
admin-article-credit-hint = Par exemple : X en reportage à Y. Z, à W, a contribué.
admin-article-source = Source (article repris)
admin-article-rights = Mention de droits (article repris)
admin-article-tags = Mots-clés
admin-article-tags-hint = Séparés par des virgules.
admin-article-canonical-url = URL canonique
admin-article-published-at = Publié le
admin-article-published-at-hint = RFC 3339, par exemple 2026-11-24T07:30:00Z ; maintenant s’il est vide.
admin-article-comment-policy = Commentaires
admin-article-closes-at = Fermeture des commentaires
admin-article-closes-at-hint = RFC 3339 ; laissez vide pour garder la discussion ouverte.
admin-article-save = Enregistrer les modifications
admin-article-publish = Publier

## admin/audit.html

admin-audit-title = Journal d’audit
admin-audit-intro = Toutes les actions des modérateurs et des administrateurs, de la plus récente à la plus ancienne.
admin-audit-when = Quand
admin-audit-who = Qui
admin-audit-action = Action
admin-audit-target = Cible
admin-audit-reason = Motif
admin-audit-before = Avant
admin-audit-after = Après
admin-audit-empty = Rien pour l’instant.
admin-audit-older = Entrées plus anciennes

## admin/imports.html

admin-imports-title = Importer des commentaires
admin-imports-intro = Rapatriez ici les discussions d’un autre système de commentaires : chaque fil devient la discussion de l’article à son adresse, les réponses restent imbriquées, et les commentaires retenus, indésirables ou supprimés gardent leur état. Un fichier illisible n’importe rien ; importer de nouveau le même fichier ne change rien. Fichiers jusqu’à { $mib } Mio ; au-delà, et pour le fichier d’Isso
admin-imports-intro-command = , utilisez
admin-imports-intro-end = sur le serveur.
admin-imports-summary = { $comments ->
        [one] { $comments } commentaire importé
       *[other] { $comments } commentaires importés
    } ({ $held ->
        [one] { $held } retenu
       *[other] { $held } retenus
    }, { $rejected ->
        [one] { $rejected } refusé comme indésirable
       *[other] { $rejected } refusés comme indésirables
    }, { $deleted ->
        [one] { $deleted } supprimé
       *[other] { $deleted } supprimés
    }) dans { $opened ->
        [one] { $opened } nouvelle discussion
       *[other] { $opened } nouvelles discussions
    } et { $found ->
        [one] { $found } discussion existante
       *[other] { $found } discussions existantes
    }.
admin-imports-unchanged = { $count ->
        [one] { $count } enregistrement avait déjà été importé et reste tel quel.
       *[other] { $count } enregistrements avaient déjà été importés et restent tels quels.
    }
admin-imports-orphans = { $count ->
        [one] { $count } réponse dont le fichier ne contient pas le parent a été placée au premier niveau.
       *[other] { $count } réponses dont le fichier ne contient pas le parent ont été placées au premier niveau.
    }
admin-imports-skipped = Ignorés :
admin-imports-format = Format
admin-imports-file = Fichier d’export
admin-imports-base-url = Adresse du site (facultatif)
admin-imports-base-url-hint = Pour les fils donnés sous forme de chemins, par exemple https://news.example.
admin-imports-submit = Importer

## admin/newsroom_feeds.html

admin-feeds-title = Flux de la rédaction
admin-feeds-intro = Tribune lit ces flux RSS ou Atom de votre site { $minutes ->
        [one] chaque minute
       *[other] toutes les { $minutes } minutes
    } et ouvre une discussion pour chaque nouvel article : son titre, son chapô, sa signature, son lien, sa date et ses droits viennent du flux, et l’article lui-même reste sur votre site. Seule l’adresse du flux lui-même est consultée.
admin-feeds-url = Adresse du flux
admin-feeds-url-hint = Par exemple https://news.example/rss.xml. Il est lu une première fois tout de suite ; un flux illisible n’est pas ajouté.
admin-feeds-follow = Suivre ce flux
admin-feeds-followed = Flux suivis
admin-feeds-feed = Flux
admin-feeds-status = État
admin-feeds-discussions = Discussions
admin-feeds-added = Ajouté le
admin-feeds-failing = En échec
admin-feeds-failures = ({ $count } fois d’affilée) :
admin-feeds-ok = OK
admin-feeds-last-polled = Dernière consultation :
admin-feeds-last-success = Dernier succès :
admin-feeds-never = jamais
admin-feeds-next-poll = Prochaine consultation :
admin-feeds-opened = { $count ->
        [one] { $count } ouverte
       *[other] { $count } ouvertes
    }
admin-feeds-skipped = { $count ->
        [one] { $count } élément ignoré ; le dernier : { $last }
       *[other] { $count } éléments ignorés ; le dernier : { $last }
    }
admin-feeds-poll-now = Consulter maintenant
admin-feeds-stop = Ne plus suivre
admin-feeds-none = Aucun flux pour l’instant. Ajoutez le flux de votre site ci-dessus, ou en ligne de commande avec

## admin/users.html

admin-users-title = Comptes
admin-users-name = Nom
admin-users-email = E-mail
admin-users-joined = Inscription
admin-users-role = Rôle
admin-users-role-of = Rôle de
admin-users-change = Modifier
admin-users-change-role-of = le rôle de
admin-users-more = Plus de comptes

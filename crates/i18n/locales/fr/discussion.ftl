# discussion
# Les pages des lecteurs : la une, un article et sa discussion, un commentaire et son
# historique, le signalement d’un commentaire, le profil d’un lecteur, les notifications et
# la page de désabonnement.

## Partagé par les pages de la discussion

discussion-quote-open = « 
discussion-quote-close =  »
discussion-moderator-label = Modération :

## front.html

front-feed-title = { $site } : derniers articles
front-older-articles = Articles précédents
front-atom-feed = Les derniers articles en flux Atom
front-empty = Aucun article pour l’instant.
front-empty-publish = Un administrateur peut en publier un depuis les
front-empty-admin-pages = pages d’administration
front-empty-or-demo = , ou lancer Tribune avec

## article.html : l’article

article-tags = Mots-clés
article-updated = Mis à jour le
article-read-on = Lire l’article sur { $site }
article-quoted-in = { $count ->
    [one] Cité dans { $count } commentaire
   *[other] Cité dans { $count } commentaires
}
article-quoting-comment = Commentaire { $number }
article-source = Source : { $source }

## article.html : la discussion

discussion-comments-feed = Flux des commentaires
discussion-open-on-site = Ouvrir la discussion sur { $site }
discussion-controls = Présentation et ordre de la discussion
discussion-show = Afficher :
discussion-view-flat = dans l’ordre
discussion-view-threaded = par fils
discussion-sort = Trier :
discussion-sort-oldest = les plus anciens d’abord
discussion-sort-newest = les plus récents d’abord
discussion-sort-liked = les plus appréciés
discussion-featured = Mis en avant par la modération
discussion-first-comments = Revenir aux premiers commentaires
discussion-replies = { $count ->
    [one] { $count } réponse
   *[other] { $count } réponses
}
discussion-show-all-replies = Afficher toutes les réponses ({ $count } de plus)
discussion-empty = Aucun commentaire pour l’instant. Lancez la discussion.
discussion-more-comments = Commentaires suivants

## article.html : le formulaire

comment-form-heading = Participer à la discussion
comment-form-pre-moderated = Sur cet article, les commentaires sont lus par un modérateur avant d’être publiés.
comment-form-replying-to = En réponse à
comment-form-cancel-reply = annuler
comment-form-label = Votre commentaire, en tant que { $name }
comment-form-your-comment = Votre commentaire
comment-form-what-looks-wrong = Ce qui pose problème :
comment-form-acknowledge = Le publier tel quel : un modérateur le lira avant sa parution
comment-form-hint = Jusqu’à { $max } caractères. Vous pouvez utiliser *l’italique*, **le gras**, > les citations, les listes et les liens ; citez l’article mot pour mot entre guillemets et la citation est marquée comme vérifiée ; écrivez @nom pour mentionner un autre lecteur.
comment-form-rules-before = Merci de respecter les
comment-form-rules-link = règles de la maison
comment-form-rules-after = .
comment-form-submit = Publier le commentaire
comment-form-not-posted = Votre commentaire n’a pas été publié. Voici ce que vous avez écrit, pour que rien ne soit perdu :
comment-form-frame-sign-in = Connectez-vous ou inscrivez-vous
comment-form-log-in = Connectez-vous
comment-form-or = ou
comment-form-sign-up = inscrivez-vous
comment-form-to-join = pour participer à la discussion.

## comment.html : un commentaire

comment-guest = invité
comment-edited = modifié
comment-edited-at = Modifié le { $date }
comment-in-reply-to = en réponse à
comment-featured = Mis en avant
comment-held-for-review = En attente de modération : retenu pour examen.
comment-held-only-you = En attente de modération : vous seul voyez ce commentaire pour l’instant.
comment-rejected = Non publié. Vous seul pouvez le voir.
comment-rejected-because = Non publié : { $reason }. Vous seul pouvez le voir.
comment-deleted = Commentaire supprimé.
comment-verified-quotes = Cite l’article mot pour mot :
comment-quoted-paragraph = paragraphe { $number }
comment-likes = { $count ->
    [one] { $count } j’aime
   *[other] { $count } j’aime
}
comment-action-like = J’aime
comment-action-liked = Vous aimez
comment-action-reply = Répondre
comment-action-edit = Modifier
comment-action-history = Historique
comment-action-report = Signaler
comment-action-moderate = Modérer
comment-action-delete = Supprimer
comment-action-target = le commentaire de
comment-reply-target = à

## comment_edit.html

comment-edit-title = Modifier votre commentaire
comment-edit-on = Sur
comment-edit-window = { $minutes ->
    [one] Un commentaire peut être modifié pendant { $minutes } minute après sa publication ; la mention « modifié » indique que vous l’avez changé.
   *[other] Un commentaire peut être modifié pendant { $minutes } minutes après sa publication ; la mention « modifié » indique que vous l’avez changé.
}
comment-edit-save = Enregistrer les modifications
comment-edit-cancel = Annuler

## comment_history.html

comment-history-title = Historique d’un commentaire
comment-history-heading = Historique d’un commentaire de
comment-history-in-discussion = Le commentaire dans sa discussion
comment-history-now = Version actuelle
comment-history-now-deleted = Version actuelle (supprimée par son auteur)
comment-history-earlier = Versions précédentes
comment-history-written = Écrit le
comment-history-replaced = remplacé le
comment-history-never-edited = Jamais modifié.

## report.html

report-form-title = Signaler un commentaire
report-form-heading = Signaler un commentaire de
report-form-back = Revenir à la discussion
report-form-what-is-wrong = Quel est le problème ?
report-form-details = Précisions (obligatoires pour un contenu illicite)
report-form-send = Envoyer le signalement

## profile.html

reader-profile-role-moderator = modérateur
reader-profile-role-admin = administrateur
reader-profile-joined = Inscrit le
reader-profile-latest-comments = Derniers commentaires
reader-profile-comment-on = Sur
reader-profile-no-comments = Aucun commentaire pour l’instant.

## rules.html

rules-page-title = Règles de la maison

## notifications.html

inbox-title = Notifications
inbox-unread = { $count ->
    [one] { $count } non lue
   *[other] { $count } non lues
}
inbox-mark-all-read = Tout marquer comme lu
inbox-new = Nouvelle
inbox-on = sur
inbox-comment-removed = Ce commentaire a été retiré.
inbox-reason = Motif : { $note }
inbox-moderator-note = Note de la modération : { $note }
inbox-older = Notifications plus anciennes
inbox-newest = Notifications les plus récentes
inbox-no-older = Aucune notification plus ancienne.
inbox-empty = Aucune notification pour l’instant. Les réponses à vos commentaires, les mentions de votre nom et les décisions des modérateurs sur vos commentaires apparaîtront ici.
inbox-email = E-mail :
inbox-no-email = ce site n’envoie pas d’e-mails
inbox-change-email = Modifier ce réglage sur la page de votre compte

## unsubscribe.html

unsubscribe-title = E-mails de notification
unsubscribe-done = C’est fait : vous ne recevrez plus d’e-mails de notification de { $site }.
unsubscribe-still-listed = Les réponses, les mentions et les décisions des modérateurs apparaissent toujours dans vos
unsubscribe-notifications-link = notifications
unsubscribe-turn-emails-on = Vous pouvez réactiver les e-mails depuis
unsubscribe-account-link = votre compte
unsubscribe-already = Vous ne recevez déjà aucun e-mail de notification.
unsubscribe-turn-them-on = Vous pouvez les réactiver depuis
unsubscribe-confirm = Ne plus recevoir les e-mails que { $site } vous envoie au sujet des réponses, des mentions et des décisions des modérateurs ? Vous les retrouverez toujours dans vos notifications sur le site.
unsubscribe-stop = Ne plus recevoir ces e-mails

## error.html

error-page-front-page = Revenir à la une

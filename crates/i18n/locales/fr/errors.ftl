# errors

error-page-title = Erreur
error-unexpected = Un problème est survenu de notre côté. Veuillez réessayer dans un instant.
error-unknown-language = Tribune ne parle pas encore cette langue. Choisissez-en une dans le menu en bas de page.

## Error pages: titles

error-title-not-found = Page introuvable
error-title-unauthorized = Veuillez vous connecter
error-title-forbidden = Action non autorisée
error-title-too-large = Trop volumineux
error-title-rate-limited = Veuillez ralentir
error-title-gone = Ce lien ne fonctionne plus
error-title-server = Un problème est survenu
error-title-other = Cela n’a pas fonctionné

## Requests the server could not read

error-cross-site-request = Cette requête venait d’un autre site ; elle a été refusée pour protéger votre compte. Revenez à la page de ce site et réessayez.
# $kib: the size accepted, in KiB
error-payload-too-large = Votre envoi dépasse les { $kib } Kio que ce site accepte. Raccourcissez-le et réessayez.
error-json-content-type = Envoyez le corps de la requête en JSON, avec `Content-Type: application/json`.
# $detail: the parser's explanation, in English
error-malformed-json = Le corps de la requête n’est pas du JSON valide : { $detail }
error-wrong-shape = Le JSON n’a pas les champs et les types attendus : { $detail }
error-body-too-large = Le corps de la requête est trop volumineux : { $detail }
error-bad-query = Les paramètres de l’adresse ne sont pas valides : { $detail }
error-bad-form = Le formulaire n’a pas pu être lu : { $detail }

## Not found

not-found-account = Ce compte n’existe pas. Il a peut-être été supprimé, ou l’adresse est mal saisie.
not-found-action = Cette action n’existe pas. Elle a peut-être été supprimée, ou l’adresse est mal saisie.
not-found-article = Cet article n’existe pas. Il a peut-être été supprimé, ou l’adresse est mal saisie.
not-found-comment = Ce commentaire n’existe pas. Il a peut-être été supprimé, ou l’adresse est mal saisie.
not-found-feed = Ce flux n’existe pas. Il a peut-être été supprimé, ou l’adresse est mal saisie.
not-found-notification = Cette notification n’existe pas. Elle a peut-être été supprimée, ou l’adresse est mal saisie.
not-found-page = Cette page n’existe pas. Elle a peut-être été supprimée, ou l’adresse est mal saisie.
not-found-reader = Ce lecteur n’existe pas. Il a peut-être été supprimé, ou l’adresse est mal saisie.
not-found-user = Cet utilisateur n’existe pas. Il a peut-être été supprimé, ou l’adresse est mal saisie.
not-found-unsubscribe-link = Ce lien de désabonnement n’existe pas. Il a peut-être été supprimé, ou l’adresse est mal saisie.
not-found-other = Introuvable ({ $what }). Cela a peut-être été supprimé, ou l’adresse est mal saisie.

## Accounts and sessions

error-unauthenticated = Vous devez vous connecter pour faire cela.
error-session-expired = Votre session a expiré. Reconnectez-vous ; ce que vous avez écrit est conservé ci-dessous.
error-bad-credentials = L’adresse e-mail ou le mot de passe est incorrect.
# $email: the reader's address
error-email-not-verified = Confirmez votre adresse e-mail avant de publier : ouvrez le lien que nous avons envoyé à { $email }. Rien reçu ? Demandez un nouveau lien sur la page de votre compte (/account).
error-likely-abusive = Ce commentaire semble enfreindre les règles du site ; il attendrait donc l’avis d’un modérateur. Vous pouvez le modifier, ou le publier tel quel.
error-comments-closed = Les commentaires sont fermés pour cet article.
error-discussion-closed = La discussion de cet article est close ; les nouveaux commentaires ne sont plus acceptés.
banned = Votre compte est exclu de la participation.
# $until: a date and time such as 2026-12-01 10:00
suspended = Votre compte est suspendu jusqu’au { $until } UTC.
# $sentence: banned or suspended; $reason: the moderator's words
banned-reason = { $sentence } Motif : { $reason }

## Already taken

taken-email = Cette adresse e-mail est déjà utilisée.
taken-display-name = Ce nom d’affichage est déjà pris.
taken-slug = Ce slug est déjà utilisé.
taken-url = Cette adresse est déjà utilisée.
taken-subject = Ce sujet est déjà utilisé.
taken-feed = Ce flux est déjà suivi.
taken-feed-polling = Ce flux est en cours de relève ; revenez dans un instant.

## Rate limits

# $what: what happened; $wait: how long to wait
rate-limited = { $what } Veuillez patienter { $wait } avant de réessayer.
rate-limited-comments = Vous publiez des commentaires plus vite que ce site ne le permet.
rate-limited-sign-ups = Trop de comptes ont été créés depuis votre réseau.
rate-limited-log-ins = Trop de tentatives de connexion.
rate-limited-reports = Vous avez envoyé de nombreux signalements en peu de temps.
rate-limited-resets = Trop de réinitialisations de mot de passe ont été demandées depuis votre réseau.
rate-limited-mail = Plusieurs e-mails ont déjà été envoyés à cette adresse.
wait-seconds = { $count ->
    [one] une seconde
   *[other] { $count } secondes
}
wait-minutes = { $count } minutes

## Not allowed

forbidden-deleted-comment-edit = Un commentaire supprimé ne peut pas être modifié.
forbidden-report-own-comment = Vous ne pouvez pas signaler votre propre commentaire.
forbidden-react-own-comment = Vous ne pouvez pas réagir à votre propre commentaire.
forbidden-moderate-own-account = Vous ne pouvez pas modérer votre propre compte.
forbidden-edit-others-comment = Vous ne pouvez modifier que vos propres commentaires.
forbidden-delete-others-comment = Vous ne pouvez supprimer que vos propres commentaires.
forbidden-already-deleted = Ce commentaire a déjà été supprimé.
forbidden-moderators-only = Seuls les modérateurs peuvent faire cela.
forbidden-admins-import = Seuls les administrateurs peuvent importer des commentaires.
forbidden-admins-only = Seuls les administrateurs peuvent faire cela.
forbidden-deleted-comment-react = Un commentaire supprimé ne peut pas recevoir de réactions.
forbidden-own-role = Vous ne pouvez pas changer votre propre rôle ; demandez à un autre administrateur.
forbidden-guest-edit = Vous ne pouvez modifier ou supprimer un commentaire que depuis le navigateur qui l’a publié, pendant le délai de modification.
forbidden-verify-first = Vérifiez d’abord votre adresse e-mail : le lien que nous envoyons prouve que les commentaires sont les vôtres.
forbidden-signed-in-only = Ce site n’accepte que les commentaires de lecteurs connectés : connectez-vous à Tribune pour participer.
forbidden-origin-not-allowed = Cette adresse n’appartient à aucun site que ce Tribune dessert : son exploitant liste dans embed.allowed_origins les sites dont les pages peuvent accueillir des discussions.
forbidden-edit-window-passed = Le délai de modification de ce commentaire est passé. Vous pouvez publier un nouveau commentaire à la place.
forbidden-token-not-valid = Ce jeton d’API n’est pas valide, ou a été révoqué.
forbidden-history-moderators-only = Seuls les modérateurs peuvent voir l’historique d’un commentaire.
forbidden-feeds-admins-only = Seuls les administrateurs peuvent gérer les flux de la rédaction.
forbidden-publish-editors-only = Seuls les administrateurs et les éditeurs de la rédaction peuvent publier des articles.
forbidden-feature-unpublished = Seul un commentaire publié peut être mis en avant ; approuvez-le d’abord.
forbidden-no-origins = Aucun site ne peut encore afficher de discussions : l’exploitant les liste dans embed.allowed_origins.
forbidden-ban-staff = Les modérateurs et les administrateurs ne peuvent être ni exclus ni marqués comme fiables ; un administrateur peut d’abord changer leur rôle.
forbidden-delete-admin = Le compte d’un administrateur ne peut pas être supprimé ici : nommez quelqu’un d’autre administrateur, et demandez-lui de vous rendre d’abord lecteur.

## Email, links and newsroom sign-in

email-disabled-verification = Ce site n’envoie pas d’e-mails : les adresses e-mail ne peuvent donc pas y être vérifiées.
email-disabled-reset = Ce site n’envoie pas d’e-mails : un mot de passe ne peut donc pas être réinitialisé par e-mail. Demandez de l’aide aux administrateurs du site.
link-not-valid-verification = Ce lien de vérification a expiré ou a déjà servi. Si votre adresse n’est pas encore vérifiée, connectez-vous et demandez un nouveau lien sur la page de votre compte.
link-not-valid-reset = Ce lien de réinitialisation du mot de passe a expiré ou a déjà servi. Demandez-en un nouveau sur la page « Mot de passe oublié ? ».
link-not-valid-sign-in = Cette connexion a déjà servi ou a pris trop de temps. Veuillez vous reconnecter.
sso-token-incomplete = Le jeton de connexion du site d’information ne contient pas sub, name, email ou exp.
sso-token-not-valid = Le jeton de connexion du site d’information n’est pas valide.
sso-token-wrong-signature = Le jeton de connexion du site d’information a une signature incorrecte.
sso-no-email = La connexion du site d’information ne donne aucune adresse e-mail utilisable.
sso-no-display-name = La connexion du site d’information ne donne aucun nom d’affichage utilisable.
sso-disabled = Ce site n’accepte pas l’authentification unique depuis les sites d’information.
sso-token-algorithm = Le jeton de connexion du site d’information doit être signé avec HS256.
sso-expired = La connexion du site d’information a expiré : rechargez la page.
sso-no-free-name = Aucun nom d’affichage libre n’a été trouvé pour ce lecteur ; réessayez.
sso-token-lifetime = Le jeton de connexion du site d’information doit être de courte durée (une heure au plus) et émis à l’instant.
sso-email-taken = Un compte Tribune utilise déjà cette adresse e-mail. Connectez-vous plutôt avec lui (« Se connecter », dans la discussion).

## Validation: general sentences about a field
## $label: the field's name, from the label- messages below; $count: characters given; $limit: the maximum

invalid-required = { $label } est obligatoire.
invalid-characters = { $label } contient des caractères de contrôle ou invisibles ; veuillez les supprimer.
invalid-control-characters = { $label } contient des caractères de contrôle ; veuillez les supprimer.
invalid-too-long = { $label } compte { $count } caractères ; la limite est de { $limit }.
label-headline = Le titre
label-tag = Le mot-clé
label-byline = La signature
label-dateline = Le lieu de rédaction
label-source = La source
label-lead = Le chapeau
label-article-body = Le corps de l’article
label-credit = La mention de crédit
label-rights = La mention de droits
label-display-name = Le nom d’affichage
label-email = L’adresse e-mail
label-token-name = Le nom du jeton
label-reason = Le motif
label-moderator-note = La note du modérateur
label-note = La note

## Validation: sentences with numbers
## $count: characters given; $limit: the bound; $over (text) and $overCount (number): the excess; $detail: the English sentence

invalid-comment-too-long = Votre commentaire compte { $count } caractères ; la limite est de { $limit }. Raccourcissez-le de { $overCount ->
    [one] 1 caractère
   *[other] { $over } caractères
}.
invalid-slug = Un slug compte de 1 à { $limit } lettres minuscules, chiffres et tirets simples, par exemple `harbour-bridge-closure`.
invalid-too-many-tags = Un article peut avoir au plus { $limit } mots-clés.
invalid-report-details-too-long = Les précisions comptent { $count } caractères ; la limite est de { $limit }.
invalid-password-too-short = Choisissez un mot de passe d’au moins { $limit } caractères.
invalid-password-too-long = Les mots de passe sont limités à { $limit } caractères.
invalid-embed-too-many-urls = Demandez au plus 100 adresses à la fois.
invalid-feed-unreadable = Cette adresse n’a pas pu être lue comme un flux. Détail (en anglais) : { $detail }
invalid-isso-no-title = Impossible de créer la discussion : la page n’est pas accessible et aucun titre n’a été fourni. Ajoutez un paramètre title à votre requête.
invalid-unreadable-import = Ce fichier n’est pas un export que Tribune sait lire ; rien n’a été importé. Détail (en anglais) : { $detail }
invalid-import-too-large = Ce fichier est plus volumineux que ce que les pages d’administration acceptent : importez-le sur le serveur avec `tribune import`. Détail (en anglais) : { $detail }

## Validation: fixed sentences

invalid-suspension-days-number = Indiquez le nombre de jours de la suspension, ou laissez-le vide pour une exclusion définitive.
invalid-rfc3339-time = Écrivez l’heure au format RFC 3339, par exemple 2026-11-24T07:30:00Z.
invalid-unknown-status = Le statut doit être published, held, rejected ou all.
invalid-proof-of-work-required = Ce formulaire demande d’abord à votre navigateur de résoudre une petite énigme, qui tient à l’écart les abus automatisés : il lui faut JavaScript. Rechargez la page et renvoyez le formulaire.
invalid-proof-of-work = La réponse à l’énigme n’est pas valide : renvoyez le formulaire.
invalid-proof-of-work-expired = L’énigme a expiré avant l’envoi du formulaire : renvoyez-le.
invalid-proof-of-work-used = Cette énigme a déjà reçu une réponse : renvoyez le formulaire pour en obtenir une nouvelle.
invalid-email-unknown-preference = Choisissez immediately (immédiatement), daily (chaque jour) ou never (jamais).
invalid-comment-empty = Votre commentaire est vide. Écrivez quelque chose avant de publier.
invalid-comment-nul = Votre commentaire contient un caractère NUL ; veuillez le supprimer.
invalid-unknown-sort = Le tri doit être oldest, newest ou liked.
invalid-unknown-view = L’affichage doit être flat ou threaded.
invalid-unknown-policy = La politique de commentaires doit être open, post-moderated, pre-moderated, pre-moderate-untrusted ou closed.
invalid-closes-before-publication = L’heure de fermeture doit suivre l’heure de publication.
invalid-address-empty = Une adresse est obligatoire.
invalid-address = L’adresse doit être une adresse web complète commençant par https:// ou http://.
invalid-address-credentials = L’adresse ne doit contenir ni nom d’utilisateur ni mot de passe.
invalid-unknown-report-reason = Choisissez pourquoi vous signalez ce commentaire : spam, abuse, off_topic ou illegal.
invalid-report-details-empty = Précisez ce qui est illégal dans ce commentaire et pourquoi, afin que les modérateurs puissent agir.
invalid-unknown-role = Le rôle doit être reader, moderator ou admin.
invalid-display-name-no-letters = Un nom d’affichage doit contenir au moins une lettre ou un chiffre.
invalid-email = Saisissez une adresse e-mail telle que nom@example.org.
invalid-password-too-common = Ce mot de passe est trop facile à deviner. Essayez une courte phrase ou plusieurs mots sans rapport entre eux.
invalid-embed-title-empty = La page doit donner son titre (data-title) pour que sa discussion puisse s’ouvrir.
invalid-feed-not-modified = L’adresse a répondu 304 Not Modified à une requête simple : ce n’est pas un flux.
invalid-feed-url-empty = Donnez l’adresse du flux, par exemple https://news.example/rss.xml.
invalid-feed-url-too-long = Cette adresse est trop longue.
invalid-feed-url = L’adresse du flux doit être une adresse web complète commençant par https:// ou http://.
invalid-feed-url-credentials = L’adresse du flux ne doit contenir ni nom d’utilisateur ni mot de passe.
invalid-no-examples = Il n’y a encore rien à apprendre : les modérateurs n’ont statué sur aucun commentaire, et aucun fichier annoté n’a été fourni.
invalid-unknown-queue = La file doit être held, reported, recent, rejected ou all.
invalid-suspension-days = Une suspension dure de 1 à 3650 jours ; laissez le nombre de jours vide pour une exclusion définitive.
invalid-search-too-long = Recherchez au plus 200 caractères.
invalid-wrong-password = Ce n’est pas votre mot de passe : votre compte n’est pas supprimé.
invalid-isso-uri = L’uri de la discussion doit être un chemin du site, par exemple /news/story.
invalid-isso-author-empty = Veuillez indiquer votre nom.
invalid-isso-email-empty = Veuillez indiquer votre adresse e-mail.
invalid-isso-website = Le site web doit être une adresse telle que https://example.org.
invalid-unknown-import-format = Choisissez parmi : disqus, wordpress, commento, remark42, isso.
invalid-isso-upload = Une base Isso s’importe sur le serveur : tribune import isso comments.db.
invalid-import-file-empty = Choisissez un fichier d’export à importer.
invalid-token-role = Les jetons d’API ont le rôle editor.
invalid-cursor = Ce curseur de page n’est pas valide ; repartez de la première page.
invalid-no-such-parent = Le commentaire auquel vous répondez n’existe pas.
invalid-parent-elsewhere = Vous ne pouvez répondre qu’à un commentaire du même article.
invalid-parent-deleted = Le commentaire auquel vous répondez a été supprimé ; publiez votre réponse comme un nouveau commentaire.

## Assessment reasons, shown to authors and moderators
## $score: a model’s score as written (0.73), or a number of links; $percent: their share of the text; $domain: a blocked domain

reason-slur = Emploie une insulte visant un groupe de personnes.
reason-threat = Menace quelqu’un ou lui souhaite du mal.
reason-dehumanising = Décrit des personnes comme de la vermine, des animaux ou des sous-humains.
reason-sexual-harassment = Harcèle ou rabaisse quelqu’un sur le plan sexuel.
reason-identity-attack = S’en prend à des personnes pour leur religion, leur origine, leur sexe ou leur sexualité.
reason-insult = Insulte le lecteur, un autre commentateur ou une personne nommée.
reason-obscenity = Injurie quelqu’un.
reason-profanity = Contient des jurons qui ne visent personne.
reason-profanity-disguised = Contient un mot très grossier à l’orthographe déguisée.
reason-profanity-general = Contient des grossièretés.
reason-toxicity-model = Le modèle de langue juge la formulation offensante ({ $score }).
reason-learned-model = Le modèle de base appris juge le commentaire abusif ({ $score }).
reason-site-model = Les modérateurs d’ici ont rejeté des commentaires semblables ({ $score }).
reason-link-spam = Contient { $score } liens ({ $percent } % du texte).
reason-blocked-domain = Renvoie vers un domaine bloqué ({ $domain }).
reason-duplicate = Le même texte a été publié récemment.
reason-near-duplicate = Un texte presque identique a été publié récemment.
reason-burst-account = Beaucoup de commentaires de ce compte au cours des 10 dernières minutes.
reason-burst-address = Beaucoup de commentaires depuis cette adresse au cours des 10 dernières minutes.
reason-shouting = Écrit presque entièrement en majuscules.
reason-repetition = Répète un caractère ou un mot de nombreuses fois.
reason-new-account = Compte récent, sans commentaire approuvé.
reason-reported-account = Des lecteurs ont signalé ce compte à plusieurs reprises.
reason-rejected-history = La plupart des commentaires de ce compte ont été rejetés.
reason-trusted-account = Compte fiable.

## Pages: notices and account

notice-email-verified-title = Adresse e-mail vérifiée
notice-email-verified = Merci : { $email } est vérifiée.
notice-go-to-account = Aller à votre compte
notice-log-in = Se connecter
notice-password-changed-title = Mot de passe modifié
notice-password-changed = Votre nouveau mot de passe est enregistré, et le compte a été déconnecté partout. Connectez-vous avec le nouveau mot de passe.
account-delete-not-confirmed = Cochez la case pour confirmer que vous voulez supprimer votre compte.
notice-account-deleted-title = Votre compte est supprimé
notice-account-deleted = Votre compte et ce qui était conservé à son sujet sont supprimés. Merci d’avoir pris part à la discussion.
notice-back-to-front-page = Retour à la page d’accueil
account-link-sent = Nous avons envoyé un nouveau lien à { $email }. Il ne fonctionne qu’une fois.
account-comments-claimed = { $count ->
    [one] { $number } commentaire est désormais à vous.
   *[other] { $number } commentaires sont désormais à vous.
}

## Pages: notifications, moderation, newsroom feeds

notifications-bad-page = Cette page de notifications n’existe pas ; repartez des plus récentes.
notifications-saved-immediately = Enregistré : vous recevrez un e-mail pour chaque notification.
notifications-saved-daily = Enregistré : vous recevrez un e-mail par jour avec vos notifications.
notifications-saved-never = Enregistré : vous ne recevrez aucun e-mail de notification.
notifications-email-immediately = Immédiatement : un e-mail pour chaque notification
notifications-email-daily = Chaque jour : un récapitulatif quotidien de ce qui est arrivé
notifications-email-never = Jamais : seulement ici, sur cette page
notification-someone = Quelqu’un
notification-reply = { $actor } a répondu à votre commentaire
notification-mention = { $actor } vous a mentionné
notification-approved = Un modérateur a publié votre commentaire
notification-rejected = Un modérateur a retiré votre commentaire
notification-edited = Un modérateur a modifié votre commentaire
report-reason-spam = Spam ou publicité
report-reason-abuse = Abus, insultes ou harcèlement
report-reason-off-topic = Hors sujet
report-reason-illegal = Contenu illégal
report-reason-other = Autre
moderation-bad-author-filter = Le filtre d’auteur doit être un numéro de compte.
moderation-done-approved = Approuvé.
moderation-done-rejected = Rejeté.
moderation-done-featured = Mis en avant.
moderation-done-unfeatured = N’est plus mis en avant.
moderation-done-note-saved = Note enregistrée.
moderation-done-edited = Modifié.
moderation-done-dismissed = Signalements classés.
moderation-done-banned = Exclu.
moderation-done-unbanned = Exclusion levée.
moderation-done-trusted = Marqué comme fiable.
moderation-done-distrusted = N’est plus marqué comme fiable.
feeds-now-following = Flux suivi : { $feed }. { $items ->
    [one] { $itemsText } élément
   *[other] { $itemsText } éléments
}, { $opened ->
    [one] { $openedText } discussion ouverte
   *[other] { $openedText } discussions ouvertes
}.
feeds-poll-failed = La relève de { $feed } a échoué : { $error }
feeds-unchanged = { $feed } n’a pas changé depuis la dernière relève.
feeds-polled = Relève de { $feed } : { $opened ->
    [one] { $openedText } discussion ouverte
   *[other] { $openedText } discussions ouvertes
}.
feeds-removed = Le flux n’est plus suivi ; les discussions qu’il a ouvertes restent.

## API answers and operations

reset-link-on-its-way = Si un compte utilise { $email }, un lien pour choisir un nouveau mot de passe est en route.
verification-link-on-its-way = Un nouveau lien est en route vers { $email }.
email-verified-already = { $email } est déjà vérifiée.
report-thanks = Merci. Les modérateurs examineront ce commentaire.
embed-bad-query = Les paramètres doivent être des paires url=ADRESSE.
live-bad-event-id = Last-Event-ID doit être le numéro d’un événement envoyé par ce flux.
live-too-many-streams = Ce serveur maintient déjà autant de discussions en direct qu’il le peut. La page fonctionne toujours ; les mises à jour en direct reprendront sous peu.
import-not-multipart = Envoyez l’export comme un fichier téléversé (formulaire multipart) : { $detail }
import-unreadable-upload = Le fichier envoyé n’a pas pu être lu : { $detail }
error-no-such-endpoint = Ce point d’accès de l’API n’existe pas ; voir /api/v1/openapi.json.
error-timeout = Le serveur a mis trop de temps à répondre. Veuillez réessayer.

## Discussion

discussion-bad-comment-id = `{ $what }` doit être le numéro d’un commentaire.

## API clients

proof-of-work-bad-purpose = `purpose` doit valoir signup ou guest-comment.
api-token-required = Envoyez un jeton d’API d’éditeur sous la forme `Authorization: Bearer JETON` (créez-en un avec `tribune token create --role editor --name NOM`).

## Validation: web addresses

invalid-address-too-long = Une adresse compte au plus { $limit } caractères.

# account
# Pages du compte des lecteurs : inscription, connexion, mots de passe, page du compte et
# fenêtre de connexion d’un site d’information.

## signup.html

signup-title = S’inscrire
signup-intro = Un compte vous permet de commenter et de répondre. Votre nom d’affichage est public ; votre adresse e-mail ne l’est pas.
signup-proof-of-work-needs-script = Pour s’inscrire ici, JavaScript est nécessaire : votre navigateur résout une petite énigme qui tient à l’écart les inscriptions automatisées.
signup-display-name = Nom d’affichage
signup-display-name-hint = Jusqu’à 40 caractères. Affiché avec vos commentaires.
signup-email = Adresse e-mail
signup-password = Mot de passe
signup-password-hint = Au moins 10 caractères. Une courte phrase fait très bien l’affaire.
signup-submit = Créer le compte
signup-have-account = Vous avez déjà un compte ?
signup-log-in = Connectez-vous

## login.html

login-title = Se connecter
login-email = Adresse e-mail
login-password = Mot de passe
login-submit = Se connecter
login-forgot-password = Mot de passe oublié ?
login-new-here = Pas encore de compte ?
login-sign-up = Inscrivez-vous

## password_reset.html

password-reset-title = Mot de passe oublié ?
password-reset-sent = Si un compte utilise { $email }, nous lui avons envoyé un lien pour choisir un nouveau mot de passe. Ce lien ne sert qu’une fois, pendant { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. Rien reçu ? Vérifiez votre dossier de courrier indésirable, ou refaites la demande dans quelques minutes.
password-reset-back-to-login = Retour à la connexion
password-reset-no-email = Ce site n’envoie pas d’e-mails : un mot de passe ne peut donc pas être réinitialisé par e-mail. Demandez de l’aide aux administrateurs du site.
password-reset-intro = Saisissez l’adresse e-mail de votre compte et nous vous enverrons un lien pour choisir un nouveau mot de passe.
password-reset-email = Adresse e-mail
password-reset-submit = Envoyer le lien

## password_new.html

password-new-title = Choisir un nouveau mot de passe
password-new-intro = Pour le compte { $email }. L’enregistrer déconnecte ce compte partout ; connectez-vous ensuite avec le nouveau mot de passe.
password-new-password = Nouveau mot de passe
password-new-password-hint = Au moins 10 caractères. Une courte phrase fait très bien l’affaire.
password-new-submit = Enregistrer le nouveau mot de passe

## embed_sign_in.html

embed-sign-in-title = Se connecter à la discussion
embed-sign-in-heading = Rejoindre la discussion
embed-sign-in-done-start = Vous êtes connecté à la discussion sous le nom
embed-sign-in-done-end = . Vous pouvez fermer cette fenêtre et revenir à l’article.
embed-sign-in-confirm-start = Vous êtes connecté à { $site } sous le nom
embed-sign-in-confirm-middle = . Continuer à commenter sous le nom
embed-sign-in-confirm-end = dans la discussion de la page d’où vous venez ?
embed-sign-in-continue-as = Continuer en tant que { $name }
embed-sign-in-not-you = Ce n’est pas vous ?
embed-sign-in-other-account = Connectez-vous avec un autre compte

## account.html

account-title = Votre compte
account-display-name = Nom d’affichage
account-email = Adresse e-mail
account-email-verified = vérifiée
account-email-not-verified = non vérifiée
account-verify-prompt = Pour confirmer votre adresse, ouvrez le lien que nous y avons envoyé. Rien reçu, ou le lien a expiré ?
account-verify-prompt-required = Pour confirmer votre adresse, ouvrez le lien que nous y avons envoyé ; vous pourrez publier une fois qu’elle sera confirmée. Rien reçu, ou le lien a expiré ?
account-verify-resend = M’envoyer un nouveau lien
account-email-disabled-hint = Ce site n’envoie pas d’e-mails : les adresses ne sont donc pas vérifiées.

account-notifications-heading = Notifications par e-mail
account-notifications-intro = Les réponses à vos commentaires, les mentions de votre nom et les décisions des modérateurs sur vos commentaires se trouvent dans vos
account-notifications-intro-link = notifications
account-notifications-no-email = Ce site n’envoie pas d’e-mails.
account-notifications-once-verified = Elles vous sont envoyées par e-mail une fois votre adresse vérifiée.
account-notifications-legend = M’en informer par e-mail
account-notifications-save = Enregistrer

account-feed-heading = Flux privé des réponses et des mentions
account-feed-hint = Un flux Atom, pour votre lecteur de flux, des réponses à vos commentaires et des commentaires qui vous mentionnent. Son adresse est secrète : quiconque la connaît peut lire le flux, ne la partagez donc pas.
account-feed-shown-once = Voici l’adresse de votre flux privé. Copiez-la dès maintenant dans votre lecteur de flux : elle n’est affichée que cette fois-ci. Toute adresse créée auparavant ne fonctionne plus.
account-feed-address = Adresse du flux privé
account-feed-made-start = Vous avez créé une adresse de flux privé le
account-feed-made-end = . Elle n’est plus affichée ; si vous l’avez perdue, créez-en une nouvelle.
account-feed-none = Vous n’avez pas d’adresse de flux privé.
account-feed-renew = Créer une nouvelle adresse (l’actuelle cessera de fonctionner)
account-feed-create = Créer une adresse de flux privé
account-feed-revoke = Désactiver le flux privé

account-claim-heading = Commentaires écrits avant d’avoir un compte
account-claim-intro = Ils ont été écrits sous votre adresse e-mail, en tant qu’invité ou sur l’ancien système de commentaires du site :
account-claim-count = { $count ->
        [one] { $count } commentaire sous le nom { $name }
       *[other] { $count } commentaires sous le nom { $name }
    }
account-claim-submit = Me les attribuer

account-data-heading = Vos données
account-data-download = Télécharger tout ce qui est conservé à votre sujet
account-data-contents = (JSON : votre compte, chacun de vos commentaires avec ses versions antérieures, vos « j’aime », vos signalements et vos notifications).

account-delete-heading = Supprimer votre compte
account-delete-what = Votre compte, vos « j’aime », vos signalements et vos notifications sont supprimés.
account-delete-comments-removed = Le texte de vos commentaires est effacé ; les réponses qui leur ont été faites restent lisibles.
account-delete-comments-kept = Vos commentaires restent dans leurs discussions, signés « Ancien lecteur », et ne sont plus liés à vous.
account-delete-final = Cette action est irréversible.
account-delete-password = Votre mot de passe
account-delete-password-hint = Les comptes créés par la connexion d’un site d’information n’ont pas de mot de passe : laissez ce champ vide.
account-delete-confirm = Je veux que mon compte soit supprimé
account-delete-submit = Supprimer mon compte

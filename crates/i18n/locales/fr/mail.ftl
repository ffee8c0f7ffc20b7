# Les e-mails, dans la langue du lecteur à qui ils sont destinés.

mail-hello = Bonjour { $name },

## Vérification de l’adresse

mail-verify-subject = Confirmez votre adresse e-mail pour { $site }
mail-verify-body = Veuillez confirmer qu’il s’agit bien de votre adresse e-mail en ouvrant ce lien :
mail-verify-expiry = Le lien fonctionne une seule fois, pendant { $hours ->
    [one] { $hours } heure
   *[other] { $hours } heures
}. Si vous ne vous êtes pas inscrit sur { $site }, ignorez ce message : rien ne se passe sans le lien.

## Réinitialisation du mot de passe

mail-reset-subject = Réinitialisez votre mot de passe pour { $site }
mail-reset-body = Quelqu’un, probablement vous, a demandé à réinitialiser le mot de passe de votre compte sur { $site }. Pour choisir un nouveau mot de passe, ouvrez ce lien :
mail-reset-expiry = Le lien fonctionne une seule fois, pendant { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}. Choisir un nouveau mot de passe déconnecte le compte partout. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.
mail-password-changed-subject = Votre mot de passe pour { $site } a été modifié
mail-password-changed-body = Le mot de passe de votre compte sur { $site } vient d’être modifié avec un lien de réinitialisation, et le compte a été déconnecté partout. Si ce n’était pas vous, réinitialisez-le de nouveau sans attendre : { $url }

## Notifications

mail-notification-what = { $headline } sur « { $article } »
mail-moderator-reason = Le motif du modérateur : { $note }
mail-moderator-note = La note du modérateur : { $note }
mail-read-it = À lire sur { $site } : { $url }
mail-footer-why = Vous recevez cet e-mail en raison de vos réglages de notification sur { $site }.
mail-footer-change = Les modifier : { $url }
mail-footer-stop = Ne plus recevoir ces e-mails (un clic, sans connexion) : { $url }
mail-digest-intro = Voici ce qui s’est passé sur { $site } depuis votre dernier récapitulatif :
mail-digest-more = … et { $count } de plus : { $url }
mail-digest-subject = Votre récapitulatif quotidien de { $site } : { $count ->
    [one] { $count } notification
   *[other] { $count } notifications
}

# Partagé par toutes les pages : en-tête, pied de page, dates et nombres.

## Dates

date-time = { $day } { $month } { $year }, { $time } UTC
month-short-1 = janv.
month-short-2 = févr.
month-short-3 = mars
month-short-4 = avr.
month-short-5 = mai
month-short-6 = juin
month-short-7 = juil.
month-short-8 = août
month-short-9 = sept.
month-short-10 = oct.
month-short-11 = nov.
month-short-12 = déc.

## Nombres

comment-count = { $count ->
    [0] Aucun commentaire pour l’instant
    [one] { $count } commentaire
   *[other] { $count } commentaires
}

## base.html

skip-to-content = Aller au contenu
nav-site = Site
nav-house-rules = Règles de la maison
nav-notifications = Notifications
nav-unread = non lues
nav-moderation = Modération
nav-admin = Administration
nav-log-out = Se déconnecter
nav-log-in = Se connecter
nav-sign-up = S’inscrire
frame-signed-in-as = Connecté en tant que
frame-sign-out = Se déconnecter
frame-sign-in = Se connecter ou s’inscrire
footer-powered-by = Propulsé par Tribune.
footer-api = API
language-menu = Langue
language-choose = Changer

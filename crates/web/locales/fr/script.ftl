# script
# Phrases affichées ou annoncées par les scripts de la page (identifiants `js-`).

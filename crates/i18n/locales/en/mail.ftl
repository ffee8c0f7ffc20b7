# Emails, in the language of the reader they are for: the language of the request that sends
# them (sign-up, password reset), else the language the reader last chose or signed up in.
# Plain text: every line is written as is.

mail-hello = Hello { $name },

## Address verification

mail-verify-subject = Confirm your email address for { $site }
mail-verify-body = Please confirm that this is your email address by opening this link:
mail-verify-expiry = The link works once, for { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
}. If you did not sign up to { $site }, ignore this message: nothing happens without the link.

## Password reset

mail-reset-subject = Reset your password for { $site }
mail-reset-body = Someone, probably you, asked to reset the password of your account on { $site }. To choose a new password, open this link:
mail-reset-expiry = The link works once, for { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}. Choosing a new password logs the account out everywhere. If you did not ask for this, ignore this message: your password stays as it is.
mail-password-changed-subject = Your password for { $site } was changed
mail-password-changed-body = The password of your account on { $site } was just changed with a reset link, and the account was logged out everywhere. If this was not you, reset it again at once: { $url }

## Notifications

# “Kestrel replied to your comment on “Headline””: a subject, or a line of a digest.
mail-notification-what = { $headline } on “{ $article }”
mail-moderator-reason = The moderator's reason: { $note }
mail-moderator-note = The moderator's note: { $note }
mail-read-it = Read it on { $site }: { $url }
mail-footer-why = You get this email because of your notification settings on { $site }.
mail-footer-change = Change them: { $url }
mail-footer-stop = Stop these emails (one click, no log-in): { $url }
mail-digest-intro = Here is what happened on { $site } since your last digest:
mail-digest-more = … and { $count } more: { $url }
mail-digest-subject = Your daily digest from { $site }: { $count ->
    [one] { $count } notification
   *[other] { $count } notifications
}

"""Generate a deterministic, fictional helpdesk export for the voc sample data.

The export imitates a Zendesk CSV export of 120 days of tickets sent to "Brightdesk", an invented
B2B project/CRM tool. About twenty themes are planted in the text (see ``THEMES``); their labels go
to a separate truth file that the pipeline must never read. Everything is derived from one seeded
``random.Random``, so two runs write byte-identical files.

Usage::

    python sample_data/generate.py [--out-dir DIR]

Writes ``sample_tickets.csv``, ``sample_tickets_truth.csv`` and ``sample_pii_values.txt`` (every
email address, phone number and card number planted in ticket text, one per line).
"""

from __future__ import annotations

import argparse
import csv
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from random import Random

SEED = 20260601
PRODUCT = "Brightdesk"
SUPPORT_ADDRESS = "support@brightdesk.io"
APP_URL = "https://app.brightdesk.io"
WINDOW_START = datetime(2026, 6, 1)
WINDOW_DAYS = 120
EMERGING_DAYS = 21
FIRST_ID = 48213
N_EMPTY = 13
N_DUPLICATES = 12

EXPORT_FILE = "sample_tickets.csv"
TRUTH_FILE = "sample_tickets_truth.csv"
PII_FILE = "sample_pii_values.txt"

HEADERS: tuple[str, ...] = (
    "Id",
    "Subject",
    "Description",
    "Created at",
    "Status",
    "Priority",
    "Via",
    "Tags",
    "Satisfaction Score",
    "Requester email",
    "Organization",
    "Plan tier",
    "Reopens",
    "Replies",
    "Full resolution time in minutes",
)
TRUTH_HEADERS: tuple[str, ...] = ("ticket_id", "theme", "kind", "language")
KINDS: tuple[str, ...] = ("defect", "friction", "question", "billing", "feature_request", "praise")
EMPTY_THEME = "__empty__"
EMPTY_KIND = "none"


@dataclass(frozen=True)
class ThemeSpec:
    """A planted theme: its label, kind, size, Indonesian count, time profile and usual tags."""

    slug: str
    kind: str
    size: int
    n_indonesian: int
    profile: str
    tags: tuple[str, ...]
    app_path: str


THEMES: tuple[ThemeSpec, ...] = (
    ThemeSpec(
        "login_2fa_loop",
        "defect",
        320,
        28,
        "spike",
        ("login", "2fa", "two_factor", "authentication", "account_access", "otp", "web", "sso"),
        "settings/security/two-factor",
    ),
    ThemeSpec(
        "csv_export_missing_rows",
        "defect",
        190,
        0,
        "fading",
        ("export", "csv", "reports", "data_export", "download", "spreadsheet", "data"),
        "reports/exports",
    ),
    ThemeSpec(
        "mobile_photo_upload_crash",
        "defect",
        210,
        22,
        "uniform",
        ("mobile", "ios", "android", "app", "crash", "upload", "attachments", "photo"),
        "jobs/{record_id}/attachments",
    ),
    ThemeSpec(
        "webhook_duplicate_delivery",
        "defect",
        120,
        0,
        "uniform",
        ("webhooks", "api", "integration", "developer", "events"),
        "settings/developer/webhooks",
    ),
    ThemeSpec(
        "search_no_results",
        "defect",
        150,
        0,
        "uniform",
        ("search", "records", "contacts", "web", "filters", "index"),
        "search?q={search_q}&scope=all",
    ),
    ThemeSpec(
        "email_notifications_stopped",
        "defect",
        110,
        10,
        "emerging",
        ("notifications", "email", "alerts", "release", "bug"),
        "settings/notifications",
    ),
    ThemeSpec(
        "cancel_subscription_hard",
        "friction",
        170,
        16,
        "uniform",
        ("billing", "subscription", "cancel", "account", "plan", "churn_risk"),
        "settings/billing",
    ),
    ThemeSpec(
        "billing_address_change_confusing",
        "friction",
        110,
        0,
        "uniform",
        ("billing", "invoice", "address", "account_settings", "company_details"),
        "settings/billing/details",
    ),
    ThemeSpec(
        "dashboard_slow",
        "friction",
        400,
        28,
        "growing",
        ("performance", "dashboard", "slow", "loading", "web", "reports"),
        "dashboard?range=all&view=team",
    ),
    ThemeSpec(
        "team_invite_permissions_confusing",
        "friction",
        100,
        0,
        "uniform",
        ("users", "invite", "permissions", "roles", "admin", "team"),
        "settings/members",
    ),
    ThemeSpec(
        "api_key_howto",
        "question",
        160,
        0,
        "uniform",
        ("api", "developer", "integration", "api_key", "how_to", "zapier"),
        "settings/developer/api-keys",
    ),
    ThemeSpec(
        "import_contacts_howto",
        "question",
        140,
        14,
        "uniform",
        ("import", "contacts", "csv", "spreadsheet", "onboarding", "how_to"),
        "contacts/import",
    ),
    ThemeSpec(
        "custom_fields_howto",
        "question",
        100,
        0,
        "uniform",
        ("forms", "custom_fields", "configuration", "how_to", "admin"),
        "settings/forms",
    ),
    ThemeSpec(
        "duplicate_charge",
        "billing",
        150,
        16,
        "uniform",
        ("billing", "payment", "charge", "card", "invoice", "refund"),
        "settings/billing/invoices",
    ),
    ThemeSpec(
        "refund_request",
        "billing",
        120,
        14,
        "uniform",
        ("billing", "refund", "payment", "cancellation", "invoice"),
        "settings/billing/invoices",
    ),
    ThemeSpec(
        "vat_id_missing_invoice",
        "billing",
        70,
        0,
        "uniform",
        ("billing", "invoice", "tax", "vat", "finance"),
        "settings/billing/tax",
    ),
    ThemeSpec(
        "dark_mode_request",
        "feature_request",
        90,
        0,
        "uniform",
        ("feature_request", "ui", "design", "accessibility", "mobile"),
        "settings/appearance",
    ),
    ThemeSpec(
        "slack_integration_request",
        "feature_request",
        100,
        0,
        "uniform",
        ("integrations", "slack", "feature_request", "notifications"),
        "integrations?category=chat&sort=popular",
    ),
    ThemeSpec(
        "bulk_edit_request",
        "feature_request",
        70,
        0,
        "uniform",
        ("feature_request", "records", "productivity", "ui", "bulk_actions"),
        "records",
    ),
    ThemeSpec(
        "praise_support",
        "praise",
        50,
        0,
        "uniform",
        ("feedback", "positive", "thanks", "csat"),
        "",
    ),
)

# Theme texts. Sections start with "# name"; one item per line; a line indented by four spaces
# continues the item above. Placeholders in braces are filled per ticket (see RESOLVERS).
THEME_TEXT: dict[str, str] = {
    "login_2fa_loop": """
# subjects
Stuck in login loop after enabling 2FA
2FA login keeps redirecting back to sign-in page
Can't log in since turning on two-factor
Login loop with authenticator code
Locked out after setting up 2-step verification
Two factor auth sends me back to login screen
After 2FA setup I cannot access my account
endless redirect on login
Verification code accepted but still not logged in
Login broken for users with 2FA enabled
Our team can't sign in - 2FA loop
2FA = infinite loop???
URGENT - cannot login, authenticator loop
Sign-in page refreshes after entering 6 digit code
two-step verification not working
Keeps asking for the 2FA code over and over
Login redirect loop (MFA)
Cannot get past the security code screen
# cores
Since I switched on 2FA I can't log in at all, it just brings me back to the start.
Two-factor authentication locks me out: code accepted, then back at the login screen.
After turning on 2-step verification the login never finishes.
The 2FA step sends me in circles and I never reach my account.
Enabling two-factor broke my login, I keep landing on the sign-in form.
I enter my 2FA code and the site asks me to log in again, forever.
Logging in with two-factor authentication doesn't work, it loops back every time.
My login is stuck in a loop after I activated 2FA yesterday.
2FA enabled, now every login attempt ends on the login page again.
Our users with two-step verification can't sign in; the code screen keeps resetting them.
Since I enabled two-factor authentication I can't log in: I enter my password, then the 6-digit
    code, and it just sends me back to the login page.
After entering the code from my authenticator app the page reloads and asks for my email and
    password again, over and over.
I turned on 2FA yesterday as our security policy requires and now I'm stuck in a loop between the
    login screen and the code screen.
The code is accepted (no error message) but instead of the dashboard I land on the sign-in page
    again.
Login loop. Password ok, 2FA code ok, then back to start. Every time.
Hello, i activate the two factor and now is impossible to enter in my account, it go back always to
    the login.
Several people on my team enabled two-step verification this week and none of them can get into
    {product} anymore, they're bounced back to the login form right after the code.
Steps: 1) go to the login page 2) enter email + password 3) enter the code from Google Authenticator
    4) the page flashes and I'm back at step 2.
I am completely locked out. The authenticator code works, I can see it being accepted, but then the
    session seems to be thrown away and I have to log in again.
Ever since I set up MFA on my account the login just loops. I've tried about ten times now.
Your two-factor login is broken. I type the code, it spins for a second and returns me to the sign
    in page. This is costing us a full morning.
We made 2FA mandatory for the whole workspace on {weekday} and since then about {n} users report
    that they cannot finish logging in.
The SMS code arrives and I type it in, but the app keeps redirecting me to /login like I never
    signed in.
It looks like the login with two-factor never completes: I get a redirect to the login page with
    "?next=/dashboard" in the URL and it starts again.
I can log in fine on my phone but on my laptop, after the verification code, I'm sent back to the
    login page endlessly.
when i put the 2fa code it just goes back to login page. cant get in at all
Turned on two-factor to be safe and now I literally can't use the product. Enter code, login page,
    enter code, login page.
Our admin enforced two-step verification and now my login is stuck in a redirect loop; the backup
    codes do the same thing.
Is there a known issue with 2FA? I keep getting logged out immediately after the verification step.
I think the 2FA session cookie is not being saved: the network tab shows the verify call returns 200
    and then a redirect to /login.
The security code screen accepts my code and then kicks me back to the email/password form. I've
    been going round in circles for 20 minutes.
I can't access my account after enabling two-factor authentication. It won't let me past the sign-in
    page even with the right code.
# details
I'm using {browser} on {os}.
I already cleared cookies and cache and tried an incognito window, same result.
Same thing happens in {browser} and in {browser2}.
The time on my phone is set automatically, so the code itself should be correct.
I also tried one of the backup codes and it loops the same way.
Disabling 2FA is not an option for us because of our security policy.
This affects {n} people on our team.
It started right after I scanned the QR code and confirmed the setup.
Users who sign in with Google SSO are fine, only the ones with 2FA are affected.
I have a client demo at {time} today and I need access before then.
I can't even get in to turn 2FA off again.
Our account owner is also locked out, so nobody can change the settings.
# id_subjects
Tidak bisa login setelah aktifkan 2FA
Login terus kembali ke halaman awal
Masalah verifikasi dua langkah
Akun tidak bisa diakses setelah pakai kode OTP
Login muter-muter terus
Kode 2FA diterima tapi tetap tidak bisa masuk
Mohon bantuan, tidak bisa masuk akun
Gagal login (two factor)
# id_cores
Setelah saya mengaktifkan autentikasi dua faktor, saya tidak bisa login lagi. Setelah memasukkan
    kode, saya dikembalikan ke halaman login.
Kode dari aplikasi authenticator sudah benar, tapi halaman langsung kembali ke form login lagi dan
    lagi.
Sejak verifikasi dua langkah diaktifkan, login saya terus berputar-putar dan tidak pernah masuk ke
    dashboard.
Saya sudah memasukkan password dan kode 6 digit, tapi selalu balik lagi ke halaman masuk.
Tim kami mewajibkan 2FA minggu ini dan sekarang beberapa anggota tim tidak bisa masuk ke {product}
    sama sekali.
sy sdh aktifkan 2fa tp skrg gak bisa login, balik terus ke halaman login
Setiap kali saya memasukkan kode OTP, halamannya refresh dan meminta email dan password lagi.
Akun saya terkunci setelah mengaktifkan two factor authentication. Kodenya diterima tapi sesi login
    tidak tersimpan.
Mohon dibantu, setelah setting 2FA saya terjebak di halaman login terus.
Kode cadangan (backup code) juga sudah saya coba, hasilnya sama saja, kembali ke halaman login.
Login berhasil di HP, tapi di laptop setelah kode verifikasi saya dilempar lagi ke halaman login.
Apakah ada gangguan pada fitur 2FA? Saya tidak bisa masuk sejak kemarin.
# id_details
Saya memakai {browser} di {os}.
Cache dan cookies sudah saya hapus, juga sudah coba mode incognito.
Ada sekitar {n} orang di tim kami yang mengalami hal yang sama.
Jam di HP saya sudah otomatis, jadi seharusnya kodenya benar.
Ini sangat mendesak karena kami tidak bisa bekerja.
Saya bahkan tidak bisa masuk untuk mematikan 2FA-nya lagi.
""",
    "csv_export_missing_rows": """
# subjects
CSV export is missing rows
Exported file doesn't contain all records
Export only gives me part of the data
Rows missing from CSV download
Incomplete export
Data export cuts off
CSV has fewer lines than the report
Export stops at 1000 rows?
Missing records in exported spreadsheet
Export to Excel/CSV incomplete
Numbers don't match between app and export
export broken
Our monthly report export is wrong
Deals missing when exporting
Exported CSV truncated
Half my contacts are not in the export
# cores
The CSV export is incomplete, a lot of our records are not in the file.
When I export to CSV some rows are simply missing.
Our exported spreadsheet has fewer lines than the list in the app.
When I export my contacts to CSV, the file has only {rows_got} rows but the list in the app shows
    {rows_expected}.
The CSV export is dropping rows. I filtered the view to last month, it says {rows_expected} records,
    and the downloaded file has {rows_got}.
Some records are simply not in the exported file. I compared by ID and there are gaps all over, not
    just at the end.
Our finance team relies on the monthly export and this month the totals in the CSV don't match the
    dashboard because entries are missing.
The export looks like it stops at exactly 1,000 lines no matter how many records I select.
hi, export csv doesnt give all the lines, missing a lot of them
I exported all deals for Q2 and several deals I know exist (I can open them in the app) are not in
    the file.
The download finishes without any error, but when I open it in Excel a chunk of the data is gone.
It seems that rows with a comma or a line break in the notes field get lost when exporting.
Exporting tasks gives an incomplete file: {rows_got} out of {rows_expected}. We need the full
    dataset for an audit.
Every time I export the same view I get a different number of rows in the CSV.
We noticed that the exported file is missing all records created after the {day_ord}; they're in the
    app but not in the CSV.
Your export feature is unreliable. I've now lost an afternoon reconciling a spreadsheet that
    silently skipped records.
The export function don't export everything, some of the customers are missing in the file.
I pulled a CSV of all open tickets for my manager and it was short by about {pct}%.
Exporting with custom columns turned on drops rows; with the default columns it's fine.
My team lead noticed the export is missing entries. We checked and around {missing} rows never make
    it into the file.
Is there a limit on the export size? Because the CSV I get back is clearly incomplete.
Records tagged with more than one label are not included in the CSV export at all.
The scheduled export that lands in our S3 bucket every night has been missing rows for a while now.
I export the pipeline every Monday and this week the file is shorter than last week even though we
    added records.
# details
The view has no filters other than the date range.
I tried both the "Export visible columns" and "Export all columns" options.
I tried exporting in {browser} and also in {browser2}, same result.
The file is around {mb} MB.
I can send you both files so you can compare.
We are on the {plan} plan, so I assumed there was no limit.
This is blocking our month-end reporting.
Opening the file in Google Sheets instead of Excel shows the same missing rows.
The missing records are not archived or deleted, I can open each of them.
It worked fine until a couple of weeks ago.
""",
    "mobile_photo_upload_crash": """
# subjects
App crashes when uploading a photo
Mobile app closes when I attach an image
iOS app crash on photo upload
Android app crashes adding picture
Can't upload pictures from phone
App keeps crashing
Crash when choosing photo from gallery
Camera upload crashes the app
Photo attachment = crash
Mobile app unusable for site reports
App force closes
Uploading images makes app quit
Field team can't attach photos
crash crash crash
App dies when taking a picture
Bug in mobile app (photos)
# cores
The app closes itself whenever I try to attach a picture.
Uploading an image from my phone makes the app crash immediately.
Attaching a photo to a record crashes the mobile app every time.
As soon as I pick a photo from the gallery the app shuts down.
Every time I try to upload a photo in the mobile app, the app closes immediately.
The iPhone app crashes as soon as I pick a picture from my camera roll to attach to a record.
On Android, when I tap "Add attachment" and select a photo, the app freezes for a second and then
    quits.
Our field technicians take photos on site and upload them to the job; since the last update the app
    crashes on every upload.
app crashes when i add a photo. tried 5 times
If I take a photo directly with the camera from inside the app it crashes; text notes work fine.
Hello, the application in my phone close alone when I put an image in the comment.
Uploading larger pictures (straight from the camera, around {mb} MB) makes the app crash; small
    screenshots go through.
The mobile app has become unusable for us: attach photo, spinner, then back to the home screen.
I get a white screen and the app restarts whenever I try to upload an image to a task.
The photo upload crashes the app on my {device}, but it works on my colleague's older phone.
Our sales reps can't add pictures of business cards anymore, the app shuts down every time.
Trying to attach several photos at once crashes the app instantly, and even a single photo crashes
    it half of the time.
Since updating to {app_version} the app closes whenever I upload a photo.
Your app crashes. Photo upload. Please fix, we paid for the mobile licences.
I select the picture, the upload bar reaches about 80% and then the whole app closes without an
    error.
My team reports that {product} on mobile crashes when uploading images from the gallery; it's
    happening to {n} of us.
Adding a photo to a comment makes the app crash and the comment I was typing is lost as well.
Could you please look into the mobile app? It crashes every time I try to send a picture.
When I share a photo from the Photos app into {product} using the share sheet, {product} opens and
    crashes straight away.
Is anyone else seeing the app crash on image upload? It happens on both wifi and 4G.
# details
Phone: {device}, {mobile_os}.
App version {app_version}.
I already deleted and reinstalled the app.
Restarting the phone did not help.
The photos are normal JPEG/HEIC pictures from the phone camera.
The app has permission to access photos and the camera.
On the web version the same upload works without problems.
We have {n} technicians in the field who depend on this.
I can send a screen recording if that helps.
It started after the latest app update.
# id_subjects
Aplikasi crash saat upload foto
Aplikasi HP keluar sendiri
Tidak bisa kirim gambar dari aplikasi
Error upload foto di Android
Aplikasi force close waktu lampirkan foto
Mohon perbaikan aplikasi mobile
Upload foto gagal, aplikasi tertutup
Aplikasi sering crash
# id_cores
Setiap kali saya upload foto di aplikasi mobile, aplikasinya langsung tertutup sendiri.
Aplikasi di HP Android saya crash ketika saya memilih foto dari galeri.
Tim lapangan kami tidak bisa melampirkan foto ke pekerjaan karena aplikasinya selalu keluar.
Waktu ambil foto langsung dari kamera di dalam aplikasi, aplikasinya force close.
aplikasi keluar sendiri kalau mau upload gambar, sudah coba berkali2
Setelah update terakhir, fitur upload foto membuat aplikasi crash.
Progress upload sampai sekitar 80% lalu aplikasinya tertutup tanpa pesan error.
Kalau upload lewat web tidak masalah, tapi di aplikasi iPhone selalu crash.
Saya tidak bisa menambahkan gambar ke komentar, aplikasinya langsung mati dan komentar saya hilang.
Mohon dicek, aplikasi {product} di HP kami crash setiap kali mengirim foto.
Foto dari kamera HP ukurannya sekitar {mb} MB dan selalu bikin aplikasi crash.
Aplikasi versi {app_version} langsung keluar ketika saya lampirkan foto.
# id_details
HP saya {device} dengan {mobile_os}.
Aplikasi sudah saya hapus dan install ulang, tetap sama.
Izin akses kamera dan galeri sudah saya berikan.
Ada {n} teknisi di lapangan yang bergantung pada fitur ini.
Saya bisa kirim rekaman layar kalau diperlukan.
""",
    "webhook_duplicate_delivery": """
# subjects
Webhooks firing twice
Duplicate webhook deliveries
Receiving the same event two times
Webhook retry sends duplicates
Our endpoint gets every event twice
Double webhook calls
Webhook retries even after 200 OK
Duplicated events on record.created
Same webhook payload delivered multiple times
Webhook idempotency problem
Integration creating duplicate records
webhooks sent 2x
Retry logic bug?
Duplicate POSTs from Brightdesk
Webhook fires again after success
# cores
We're receiving every webhook event twice: same payload, same event ID, a few seconds apart.
Your webhook retries are firing even though our endpoint responds with 200 OK within a second.
Since {weekday} our integration creates duplicate orders because the record.created webhook is
    delivered two times.
Each deal.updated event hits our server twice. Our logs show both requests came from your IP range.
It looks like the retry mechanism doesn't register our success responses, so events are re-sent
    after about {seconds} seconds.
webhooks are duplicated. we get 2 POST for each event
Our Zapier zap runs twice for every new contact because the webhook arrives twice.
The delivery log in the developer settings shows a single successful attempt, but our endpoint
    receives two requests.
We de-duplicate on the X-Brightdesk-Delivery header, but the duplicates have different delivery IDs
    and the same event ID.
Duplicate webhook deliveries are causing double invoices in our accounting system. Please treat this
    as urgent.
I'm a developer at {org}. Our webhook consumer sees duplicates for roughly {pct}% of events.
The same webhook is retried even when we return 204. Is 204 not treated as success?
Hi, I think you have a bug with the webhooks, we are receiving the notifications double since some
    days.
Events are being delivered at least twice, sometimes three times. The docs say at-least-once but
    this is every single event.
Ever since you changed the retry policy our Slack channel gets two messages for every ticket update.
We're seeing webhook retries fire twice: once at the scheduled retry time and once immediately
    after.
Your system keeps re-sending webhooks that we already acknowledged, flooding our queue.
Duplicate deliveries on task.completed mean our automation marks invoices as paid twice.
Can you check our webhook subscription? Each event comes in twice with identical bodies.
After rotating the webhook secret, every event has been delivered twice: once signed with the old
    secret and once with the new one.
# details
Endpoint: https://hooks.{domain}/brightdesk
Our endpoint responds in under {ms} ms.
Example event ID: evt_{hex}.
We're using the v2 webhooks API.
I deleted and recreated the subscription, no change.
We can add idempotency on our side, but this used to work.
It happens for record.created and record.updated, maybe others too.
This creates duplicate records in our ERP.
Happy to share request logs if you give me a secure upload link.
""",
    "search_no_results": """
# subjects
Search returns nothing
Search not finding existing records
"No results" for contacts that exist
Global search broken
Can't find records with search bar
Search results empty
Search doesn't work for company names
Search index out of date?
Searching by email gives no results
search broken again
Records exist but search says no match
Quick search shows 0 results
Search bug
Can't search for new deals
Search only works sometimes
# cores
When I search for a contact I know exists, the search says "No results found".
The search bar returns nothing for records I can open directly via the link.
I typed the exact company name into search and got zero results, even though it's right there in the
    list view.
Searching by email address doesn't find the contact, but filtering the list by the same email does.
New records created in the last few days don't show up in search at all.
search is not working, i search for a client name and nothing comes
The global search used to find deals by number; now it returns an empty list.
Our sales team can't find customers via search anymore, they have to scroll through the whole list.
Records with accents in the name (e.g. "Müller" or "José") never appear in search results.
Search gives "0 results" for anything I type, even single letters.
I can see the record in the table but searching for its exact title finds nothing.
It looks like the search index isn't being updated: anything imported after early {month} is not
    searchable.
The search function doesn't find the projects, it says no results but they exist I promise.
Search only works for some records; about half of our contacts return "No results".
Our support agents rely on search to find the customer during calls, and it's returning nothing,
    which is embarrassing on the phone.
Searching for a phone number or part of one never returns anything.
Since the update, search within a project returns no tasks, even ones I created today.
I'm certain the record exists (ID {record_id}), yet searching for it by name gives me an empty page.
Why does search say there are no matches when the contact is literally on my screen?
Search returns results for old records but never for the ones we added this month.
# details
I tried both the search bar at the top and the search inside the list.
Logging out and back in didn't change anything.
My colleague sees the same thing on her account.
Using {browser} on {os}.
We have about {big_n} records in the account.
The records are not archived and I have permission to see them.
It's the same in the mobile app.
Filters work, it's only search.
This worked fine last week.
""",
    "email_notifications_stopped": """
# subjects
Email notifications stopped
Not receiving any notification emails since update
No more email alerts
Notifications not arriving after latest release
Assignment emails missing
We stopped getting emails from Brightdesk
Mention notifications not sent
Email alerts broken since the update
Did the update break notifications?
No emails for new tasks
Notification emails not delivered
Reminder emails not coming anymore
Notifications gone
team isn't getting email notifications
Missing due date reminders
# cores
Since the latest update we're no longer getting any email notifications: not for assignments, not
    for mentions, nothing.
Email notifications stopped arriving a few days ago, right after your new version was released.
None of my team receive the "you've been assigned" emails anymore. They were working fine until the
    update.
I haven't received a single notification email since {weekday}. I checked spam and the filters,
    nothing there.
Our whole workflow depends on the email alerts for new tasks, and since the last release they just
    don't come.
no notification emails since the update. checked spam.
Due date reminders and mention emails stopped completely after the {new_version} update.
Hello, after the update we don't receive the emails of notifications anymore, please check.
In-app notifications still appear, but the matching emails are never sent.
My notification settings are all switched on, yet no emails have arrived since the new version went
    live.
Clients who comment on our shared boards used to trigger an email to us; since the update those
    emails have vanished.
Is there an outage with email notifications? Nobody at {org} has had one since the release notes
    email.
We missed two deadlines this week because the reminder emails silently stopped after your update.
The update seems to have reset or broken email notifications; toggling them off and on again didn't
    bring them back.
The email digest and instant notifications both stopped after the latest release.
I only noticed because a colleague asked why I ignored her mention. The notification email never
    arrived.
Since the new version, notification emails are not delivered to anyone in our workspace.
After updating, our approvers don't get the approval request emails, so nothing gets approved.
I suspect the last update broke outgoing notifications; the activity log shows "email sent" but we
    get nothing.
Are email notifications turned off on purpose in the new version? We are not getting any.
# details
We checked with our IT team and nothing from brightdesk.io is being blocked.
The emails aren't in spam or quarantine.
This affects all {n} users in our workspace.
Other emails from you, like password resets, still arrive.
I re-saved the notification preferences, no change.
We use {mail_provider} for email.
It started right after the release on {release_day}.
Please let us know if there is an ETA for a fix.
# id_subjects
Notifikasi email tidak masuk sejak update
Tidak menerima email notifikasi
Email pengingat tidak terkirim
Notifikasi hilang setelah pembaruan
Email tugas baru tidak datang
Gangguan notifikasi email
Tidak ada email dari Brightdesk lagi
Notif email mati
# id_cores
Sejak update terakhir, kami tidak lagi menerima notifikasi email sama sekali.
Email pemberitahuan tugas baru tidak masuk lagi setelah versi baru dirilis.
Notifikasi di aplikasi masih muncul, tapi emailnya tidak pernah terkirim.
Sudah cek folder spam, tidak ada email dari {product} sejak hari {weekday_id}.
Pengingat tenggat waktu lewat email berhenti setelah update, akibatnya kami terlambat mengerjakan
    tugas.
tim kami gak dapat email notif lagi sejak update kemarin
Pengaturan notifikasi sudah aktif semua, tapi email tetap tidak datang.
Apakah ada gangguan pada notifikasi email? Tidak ada satu pun anggota tim yang menerima email.
Setelah pembaruan, email permintaan persetujuan tidak sampai ke atasan kami.
Email notifikasi saat ada yang menyebut nama saya (mention) sudah tidak terkirim.
Notifikasi email sudah saya matikan dan nyalakan lagi, tetap tidak ada email masuk.
Mohon dicek, sejak versi {new_version} kami tidak menerima email pemberitahuan.
# id_details
Semua {n} pengguna di workspace kami mengalami hal yang sama.
Email reset password dari {product} masih masuk, hanya notifikasi yang tidak.
Tim IT kami sudah cek dan tidak ada email yang diblokir.
Mohon info kapan masalah ini bisa diperbaiki.
Masalahnya mulai tepat setelah update tanggal {release_day_id}.
""",
    "cancel_subscription_hard": """
# subjects
How do I cancel my subscription?
Where is the cancel button?
Cancel subscription
Can't find where to cancel
Want to cancel, can't find option
Unsubscribe from paid plan
Please cancel my account
Cancellation - no option in settings
How to stop auto renewal
Trying to downgrade / cancel
Stop charging me
cancel plan??
End our contract
Close account and stop billing
Where do I cancel?!
Cancel before renewal
# cores
I want to cancel our subscription but I can't find any option to do it in the settings.
I've looked through Billing, Account and Workspace settings and there is no cancel button anywhere.
How do I cancel? I've spent 20 minutes clicking around and the only thing I see is "Upgrade".
We're moving to a different tool and need to cancel before the renewal date, but the app doesn't
    seem to allow it.
Please tell me how to stop the automatic renewal, I can't find it.
cancel my subscription please, cant find how to do it myself
The help article says to go to Settings > Billing > Cancel plan, but that menu item doesn't exist
    for me.
Why is it so hard to cancel? I should not have to email support to stop paying for something.
I'm the account owner and I'd like to downgrade to Free or cancel entirely. Where do I do that?
Hello, I would like to finish my subscription, where I can do this? I don't find it.
Our trial converted to paid and we don't want to continue. How can I cancel without being charged
    again?
I clicked "Manage plan" but it only lets me change seats, not cancel.
My manager asked me to cancel our {plan} plan at the end of the month. What are the steps?
The cancel link in the billing emails takes me to the login page and then to the dashboard, never to
    a cancel screen.
We've decided not to renew. Is there a self-service way to cancel or do you have to do it for us?
I keep ending up on a "Talk to sales" page when trying to cancel. I don't want to talk to sales, I
    just want to cancel.
Can you please point me to where I cancel the subscription? The billing page only shows invoices.
Honestly the cancellation flow is hidden. I found "Delete workspace" but I don't want to lose the
    data, I just want to stop the plan.
I tried to cancel from the mobile app and couldn't find the option there either.
We're closing the project this team used. How do we cancel billing for this workspace only?
I need to cancel before {renewal_date} so we're not charged for another year.
# details
We'd like to keep read-only access to our data if possible.
Our renewal is on {renewal_date}.
I'm the owner of the workspace, so I should have the permissions.
Please confirm in writing once it's cancelled.
We will export our data first.
Budget cuts, nothing personal.
I have {n} seats on the plan.
I'm using {browser}.
# id_subjects
Cara membatalkan langganan
Mau berhenti berlangganan
Tidak menemukan tombol batal
Pembatalan paket
Stop perpanjangan otomatis
Mohon batalkan langganan kami
Tutup akun
Cara unsubscribe paket berbayar
# id_cores
Saya ingin membatalkan langganan, tapi tidak menemukan pilihan untuk itu di pengaturan.
Bagaimana cara berhenti berlangganan? Di halaman Billing hanya ada tombol Upgrade.
Kami akan pindah ke aplikasi lain dan ingin membatalkan sebelum tanggal perpanjangan.
Mohon info cara mematikan perpanjangan otomatis, saya sudah cari ke mana-mana.
sy mau cancel langganan tp gak nemu menunya
Artikel bantuan bilang ke Settings > Billing > Cancel plan, tapi menu itu tidak ada di akun saya.
Kenapa susah sekali untuk membatalkan langganan? Setiap saya klik malah diarahkan ke halaman sales.
Saya pemilik akun dan ingin turun ke paket Free atau berhenti sama sekali, di mana caranya?
Masa percobaan kami otomatis berubah jadi berbayar, bagaimana cara membatalkannya agar tidak ditagih
    lagi?
Tolong tunjukkan di mana saya bisa membatalkan paket {plan} kami.
Saya hanya menemukan opsi "Hapus workspace", padahal saya tidak mau datanya hilang, hanya ingin
    berhenti bayar.
Atasan saya meminta langganan ini dihentikan akhir bulan ini. Apa langkah-langkahnya?
# id_details
Kami ingin tetap bisa melihat data kami kalau memungkinkan.
Tanggal perpanjangan kami {renewal_date_id}.
Mohon konfirmasi lewat email setelah dibatalkan.
Kami punya {n} pengguna di paket ini.
Data akan kami ekspor terlebih dahulu.
""",
    "billing_address_change_confusing": """
# subjects
Change billing address on invoices
How to update company address on invoice
Invoice shows old address
Billing address change not saving?
Wrong address on our invoices
Update invoice details
Company moved - need new address on invoice
Where to edit billing info
Billing details confusing
Can't change address for invoices
invoice address
Need to correct legal entity name and address
Address on receipts is outdated
Billing profile vs company profile??
Re-issue invoice with correct address
# cores
We moved offices and I need to change the billing address that appears on our invoices, but I can't
    figure out where.
I updated the company address in Settings, but the new invoice still shows the old address.
There seem to be two different address fields, one in the company profile and one in billing, and
    it's not clear which one the invoice uses.
How do I change the address on the invoice? Our accounts payable team rejects invoices with the old
    address.
The billing address form keeps asking for a state even though we're in {country}, so I can't save
    it.
changed the address 3 times, invoice still old one
I found the billing page but the address fields are greyed out. Is that only editable by the owner?
Could you explain how the billing address works? I changed it in the payment method popup and now
    I'm not sure if it applies to invoices.
Our legal entity name changed after a merger; we need both the company name and the address updated
    on invoices.
The invoice PDF still shows our previous address although I changed it last week. Does it only apply
    to future invoices?
I'm the finance person here and I don't have access to the billing settings. What's the right way to
    get the address changed?
The address field cuts off after the second line, so our full address doesn't fit on the invoice.
Hello, I need modify the direction of facturation in the invoices, how I can do it?
It's not obvious at all where to change billing details. I went through every settings page twice.
Is it possible to re-issue last month's invoice with the corrected address? Our auditor needs it.
When I save the new billing address I get "Something went wrong" with no explanation.
We'd like the invoices addressed to our head office instead of the branch. Where do I change that?
The billing address and the card's address seem to be linked, so changing one messes up the other.
    Very confusing.
Your invoice settings page only lets me change the email recipient, not the postal address.
Can you update our billing address for us? I've tried myself and it doesn't stick.
# details
The new address is {address}.
Our invoice number is {invoice_no}.
I'm the billing contact, not the account owner.
We need this before our next payment run.
The old address is still on the receipt emails too.
We're on the {plan} plan, billed {billing_cycle}.
""",
    "dashboard_slow": """
# subjects
Dashboard very slow
Dashboard takes forever to load
Slow performance
Home page loading for minutes
Performance issues with reports dashboard
Brightdesk is really slow today
Dashboard load time unacceptable
Page keeps spinning
Sluggish dashboard
Everything is slow
Dashboard timing out
Very slow app
Widgets load extremely slowly
Loading... loading... loading...
Speed of dashboard
performance problem
Slow since this morning
Dashboard lag
# cores
Why is the dashboard so slow lately? It takes ages before I can do anything.
The overview page needs well over a minute to show our numbers.
Our dashboard loads at a snail's pace since the last few weeks.
Each time I log in I stare at a blank dashboard for a long time before the data comes in.
Dashboard performance is terrible for our whole team.
Can you look into the dashboard speed? It is far slower than it was a month ago.
It now takes longer to load the dashboard than to do the actual work.
The dashboard is painfully slow on every computer in our office.
We've noticed the main dashboard loading slower and slower each week.
Refreshing the dashboard takes so long that people have stopped using it.
The charts on the home screen take forever to render.
Our account's dashboard is super laggy, even with a fast connection.
The dashboard never loads quickly anymore; we wait {seconds} seconds or more.
Please speed up the dashboard, it is slowing our mornings down.
Dashboard performance has degraded a lot and it hurts our daily work.
Loading times on the dashboard are way too long.
I click on Dashboard and then nothing happens for a long while until the numbers appear.
Is the dashboard supposed to be this slow? It feels broken but it does load in the end.
The dashboard is slow to open and slow to refresh.
Our reporting dashboard crawls; sometimes I give up and close the tab.
The dashboard takes over {seconds} seconds to load every time I open it.
Our main dashboard has become painfully slow; the widgets spin for ages before anything shows up.
Loading the dashboard in the morning takes about {minutes_small} minutes. It used to be instant.
Everything in the app is fine except the dashboard, which is extremely slow.
dashboard super slow. takes forever
My team complains every day that the home dashboard is slow; we lose a lot of time waiting for it.
When I switch the date range on the dashboard, it freezes for half a minute before updating.
The reporting dashboard times out with "This is taking longer than expected" more often than not.
Hi, the dashboard load very slow, sometimes one minute, is possible to improve?
We have {n} widgets on our dashboard and it's barely usable now. Removing a few helps a bit, but not
    enough.
The page loads, but each chart appears one by one over the course of a minute.
Opening the dashboard makes my browser tab use a huge amount of memory and the laptop fan spins up.
It's not unusable, just slow enough to be really annoying: about {seconds} seconds before the
    dashboard becomes clickable.
We're on {plan} and paying a lot; the dashboard shouldn't take this long to load.
As a manager I open the dashboard in every stand-up, and we now wait in silence while it loads. Not
    great.
Is there something wrong with your servers? The dashboard has been crawling all week.
Dashboards with the "All time" filter never finish loading; "Last 30 days" works but is still slow.
The dashboard is slow in the afternoons (European time) and fine in the morning.
I measured it: {seconds} seconds until the first chart appears, {seconds2} seconds until all of them
    are there.
Our shared TV dashboard in the office keeps showing the loading spinner instead of the numbers.
Slow slow slow. Every time I click back to the dashboard I have to wait.
The dashboard performance got noticeably worse after we added more users to the account.
# details
I'm using {browser} on {os} with a good internet connection.
Other websites load fine for us.
It's the same on my colleague's computer.
We have around {big_n} records in the account.
I tried disabling browser extensions.
Our office is in {city}.
It seems to get worse at the start of the week.
We have {n} users on the account.
The rest of the app (lists, records) is fast enough.
We'd accept a simpler dashboard if it loaded quickly.
# id_subjects
Dashboard sangat lambat
Loading dashboard lama sekali
Aplikasi lemot
Performa dashboard buruk
Dashboard tidak mau terbuka
Halaman utama loading terus
Kenapa dashboard lambat?
Masalah kecepatan
# id_cores
Dashboard butuh lebih dari {seconds} detik untuk terbuka setiap kali saya membukanya.
Dashboard utama kami sekarang sangat lambat, grafiknya muter-muter lama sebelum muncul.
dashboard lemot bgt, loadingnya lama
Setiap pagi membuka dashboard bisa sampai {minutes_small} menit, dulu tidak seperti ini.
Kalau saya ganti rentang tanggal di dashboard, halamannya hang sekitar setengah menit.
Dashboard laporan sering timeout dengan pesan "This is taking longer than expected".
Bagian lain aplikasi cukup cepat, hanya dashboard yang lambat sekali.
Tim saya setiap hari mengeluh karena harus menunggu dashboard terbuka.
Apakah ada masalah di server? Dashboard lambat sekali sepanjang minggu ini.
Kami punya {n} widget di dashboard dan sekarang hampir tidak bisa dipakai.
Grafik di dashboard muncul satu per satu, butuh hampir satu menit sampai semuanya tampil.
Mohon dibantu, performa dashboard sangat menurun sejak beberapa hari terakhir.
# id_details
Saya pakai {browser} di {os}, koneksi internet kantor kami stabil.
Website lain terbuka dengan normal.
Rekan kerja saya juga mengalami hal yang sama.
Kantor kami di {city}.
Di jam sibuk siang hari lebih parah lagi.
""",
    "team_invite_permissions_confusing": """
# subjects
How to invite teammates with limited access
Permissions are confusing
Invited user can't see projects
Roles and permissions question
Adding new team members
User roles explained?
New colleague sees everything - how to restrict
Invite link not working for teammate
Guest vs member vs admin
Setting up permissions for my team
teammate invite
Confused by access levels
How do I give someone view-only access?
Can't figure out team permissions
Invited people stuck on "pending"
# cores
I invited two colleagues but they can't see any of our projects after logging in. What permission do
    they need?
The difference between Member, Guest and Admin isn't clear to me. I want someone who can edit
    records but not see billing.
How do I invite teammates so that they only see their own team's pipeline?
I've set up a new user and they can see absolutely everything, including salary notes. How do I
    restrict that?
The permissions screen is really confusing: there are roles, teams and per-project access, and I
    can't tell which one wins.
how do i add people to my team? invite button greyed out
I sent an invite a week ago and it still says "pending". My colleague says she never got an email.
We're onboarding {n} new hires next week. Is there a way to invite them in bulk with the same role?
Hello, I want to give to my assistant the access only for read, not modify. How is possible?
Our contractor needs access to one project only. When I invite him as a guest he can't see anything
    at all.
I changed a user's role to Viewer but they can still delete records. Am I missing a setting?
As the workspace admin I'm struggling to understand who can see what. Is there an overview of
    permissions per user?
I invited someone with the wrong email address. How do I cancel the invite and send a new one?
When my colleague clicks the invite link it asks her to create a new workspace instead of joining
    ours.
Is it possible to have custom roles? The default ones don't fit how our team works.
The invite flow makes you choose a role before explaining what any of the roles do.
I'm trying to give our sales manager access to all the sales projects without making her a full
    admin.
Why does each invited user count as a paid seat even if they're just guests? The UI didn't explain
    this.
We removed a user but they still appear in the assignee list. Are they still able to log in?
Could you walk me through setting up permissions so interns can add records but not export?
# details
We're on the {plan} plan.
I'm the account owner.
The people I'm inviting use {mail_provider} accounts.
I read the help article on roles but it didn't answer this.
We have about {n} people in the workspace.
A screenshot of the permissions page would help me explain it to my team.
""",
    "api_key_howto": """
# subjects
How to get an API key?
API key for integration
Where do I generate an API token
Connecting Brightdesk to our system via API
API access question
Need API credentials
How do I authenticate with the API?
API key location
Question about API
Integration setup - API token
Can't find developer settings
Using the REST API
api key??
Setting up Zapier / Make with API key
API key permissions question
Token for the {integration} connector
# cores
How do I create an API key so I can connect {product} to our {integration} account?
I'm trying to set up an integration and it asks for an API token. Where can I find that in
    {product}?
Where are the developer settings? I need an API key for our internal reporting script.
Can you explain how API authentication works? Do I send the key as a header or as a parameter?
Our developer needs an API key to sync contacts with our ERP. Which permissions does the key need?
api key where? need it for zapier
Is it possible to create an API key that only has read access?
I generated a key, but how do I use it? Is there an example request somewhere?
Hello, I need the API key for connect with our software, where I find it please?
Does the API key expire? I want to make sure our integration doesn't stop working in a few months.
Can I create separate API keys for different integrations so I can revoke them individually?
I'm not technical, our agency asked me to send them an "API key" for {product}. How do I get one and
    is it safe to share?
The {integration} connector asks for an "API token and workspace ID". Where do I find both?
Are API keys per user or per workspace? If the person who created it leaves, does it stop working?
We're evaluating the API for a custom integration. How do I get a key on the {plan} plan?
What's the difference between a personal access token and an API key in your settings?
I want to pull our deals into Power BI. I read I need an API key, where do I create it?
Where do I put the API key when calling your REST endpoints? The docs mention Bearer but I'm not
    sure.
Quick question: how do I regenerate our API key? We think the old one was shared by accident.
Could you send me step-by-step instructions to create an API key for our integration?
# details
We're on the {plan} plan.
I checked the documentation but couldn't find it.
The integration is {integration}.
I'm an admin on the account.
We'd like to use it for a nightly sync.
Our developer {teammate} will take it from there.
""",
    "import_contacts_howto": """
# subjects
How to import contacts from Excel
Import contacts from spreadsheet
Bulk upload contacts
Importing our customer list
CSV import question
Moving contacts from Google Sheets
How do I import?
Import template?
Upload list of clients
Migrating contacts from old CRM
Question about importing data
Can I import contacts with custom fields?
import xlsx
Best way to import 5000 contacts
Column mapping during import
# cores
How can I import our contacts from an Excel spreadsheet? We have about {big_n} of them.
Is there a way to bulk upload contacts from a CSV instead of adding them one by one?
We're moving from another CRM and have all our contacts in a spreadsheet. What's the best way to get
    them into {product}?
Do you have a template for importing contacts? I'm not sure which columns you expect.
how to import contacts from google sheets
When importing, how do I map our "Company" column to the organisation field?
Can I import contacts together with their notes and tags?
Hello, how I can put many contacts in one time from a file excel?
Our marketing team has a list of event attendees in a spreadsheet. Can we import it and tag them all
    at once?
What file formats can I import? We have .xlsx files, not CSV.
If I import a contact that already exists, will it be updated or duplicated?
Is there a maximum number of rows for a contacts import?
I'm new to {product} and want to bring in our client list. Where is the import option?
Can I import contacts into a specific team or owner so they're assigned automatically?
Our spreadsheet has first and last names in one column. Will the import split them?
Before I import {big_n} contacts I want to make sure I don't mess anything up. Can I do a test
    import?
How do I import phone numbers so that they keep the country code?
My boss wants all our customers from the old system in {product} by Friday. What's the quickest way
    to import them?
Is it possible to import contacts via the mobile app or only on the web?
Where do I find the import history to check what was imported last time?
# details
The file has columns for name, email, phone, company and city.
We're on the {plan} plan.
Some contacts have more than one email address.
We're moving the data over from {old_crm}.
I'd appreciate a link to the right help article.
I'm not very technical, so step-by-step instructions would be great.
# id_subjects
Cara import kontak dari Excel
Import data pelanggan
Upload kontak sekaligus
Pindah data dari CRM lama
Pertanyaan import CSV
Template import kontak
Bagaimana cara import?
Import dari Google Sheets
# id_cores
Bagaimana cara mengimpor kontak dari file Excel? Kami punya sekitar {big_n} kontak.
Apakah bisa upload kontak sekaligus dari file CSV, bukan satu per satu?
Kami pindah dari CRM lain dan semua kontak ada di spreadsheet. Apa cara terbaik untuk memasukkannya
    ke {product}?
Apakah ada template untuk import kontak? Saya tidak tahu kolom apa saja yang dibutuhkan.
cara import kontak dari google sheet gmn ya?
Kalau kontak yang diimpor sudah ada, apakah datanya akan diperbarui atau jadi dobel?
Apakah ada batas maksimal jumlah baris untuk satu kali import?
Saya baru pakai {product} dan ingin memasukkan daftar klien kami. Menu import ada di mana?
Bisakah kontak diimpor beserta catatan dan tag-nya?
Nama depan dan belakang di file kami ada dalam satu kolom, apakah nanti bisa dipisah otomatis?
Bagaimana cara import nomor telepon supaya kode negara +62 tidak hilang?
Atasan saya minta semua data pelanggan dari sistem lama sudah masuk minggu ini. Cara import paling
    cepat bagaimana?
# id_details
File kami berisi kolom nama, email, nomor HP, perusahaan, dan kota.
Kami memakai paket {plan}.
Mohon dikirimkan link artikel bantuannya.
Saya kurang paham teknis, jadi mohon penjelasan langkah demi langkah.
Filenya dalam format .xlsx.
""",
    "custom_fields_howto": """
# subjects
How to add custom fields to a form
Custom field on web form
Adding a dropdown field
Can I add my own fields?
Form customization question
New field for "Contract end date"
Custom fields help
How to make a field required
Adding fields to intake form
question about forms
Extra fields on contact form
Where do I create custom fields?
Custom field types
Form builder question
Add checkbox to form
# cores
How do I add a custom field to our request form? We need to collect the customer's contract number.
Is it possible to add a dropdown field with our own options to a form?
I want to add a "Contract end date" field to the company form. Where do I do that?
Can I make a custom field required so people can't submit the form without filling it in?
how to add field on form
We need an extra field for the VAT number on our client form. Can custom fields do that?
Where are custom fields configured? I can only find the default fields in the form editor.
Hello, is possible to put a new field in the form for the number of employees?
Do custom fields show up on the public web form, or only internally?
What types of custom fields are supported? We'd need date, number and a multi-select.
I created a custom field but it doesn't appear on the form. What step did I miss?
Can a custom field be shown only when another field has a certain value (conditional fields)?
We'd like to reorder the fields on the form and add two new ones. How?
Is there a limit on how many custom fields we can add on the {plan} plan?
How do I add a checkbox field for GDPR consent to our form?
Can custom fields be used in filters and reports once they're added to a form?
My manager wants a "Priority reason" text field on the intake form. Can you point me to how to set
    that up?
If I add a custom field now, will existing records get an empty value or do I need to fill them in?
Can custom fields be filled via the API as well?
I'd like to add a field that only admins can edit. Is that possible?
# details
We're on the {plan} plan.
I'm an admin in our workspace.
The form is the one we embed on our website.
I looked in Settings > Forms but didn't see an option.
A short video or help article would be enough.
""",
    "duplicate_charge": """
# subjects
Charged twice this month
Double charge on my card
Duplicate payment
Billed two times
Why was I charged twice?
Two identical charges
Payment taken twice
Duplicate invoice and charge
Card debited twice for subscription
Overcharged
double billing!!
Please reverse duplicate charge
Two payments for one invoice
Charged twice for the same plan
Billing error - duplicate transaction
# cores
I was charged twice for this month's subscription: two identical charges of {amount} on my card.
Our credit card statement shows two payments to Brightdesk on the same day for the same amount.
We received two invoices for the same period and both were charged. Please refund one of them.
You took the payment twice. {amount} on the {day_ord} and again the same amount an hour later.
double charged. please fix asap
I upgraded from Starter to Pro and it looks like I was charged for both plans in full.
The renewal went through twice. Our finance team spotted it during reconciliation.
Hello, in my bank account I see two times the payment for Brightdesk, I think is an error.
Why do I see two charges on my card? I only have one workspace.
My payment failed the first time, I re-entered the card, and now both payments have gone through.
There are two transactions for {amount} with the same invoice number {invoice_no}. One needs to be
    refunded.
We've been billed twice for the annual plan. That's a significant amount for a company our size.
I'm the office manager and I noticed a duplicate charge from Brightdesk on our company card this
    week.
Our bank flagged two identical debits from your company. Can you confirm which one is valid?
I think your system charged us twice because we changed the number of seats mid-month.
Please check our account: we were billed twice and I can't find any explanation on the billing page.
Both my personal card and the company card were charged for the same subscription.
The invoice says {amount}, but the card was debited for double that amount.
I see a pending charge and a completed charge for the same amount. Is the pending one going to drop
    off?
You charged me twice and your billing page only shows one invoice. Where did the second charge come
    from?
# details
The charges were on the {day_ord} of {month}.
Invoice number: {invoice_no}.
We're on the {plan} plan, billed {billing_cycle}.
I'd like the duplicate refunded to the original card.
I can send a screenshot of the bank statement.
This is the second time this has happened.
Our accountant needs a credit note for the duplicate.
# id_subjects
Tagihan ganda
Kartu kredit saya terpotong dua kali
Pembayaran dobel
Kenapa saya ditagih dua kali?
Mohon refund tagihan ganda
Double charge bulan ini
Pembayaran terdebet dua kali
Kesalahan tagihan
# id_cores
Kartu kredit saya ditagih dua kali untuk langganan bulan ini, masing-masing {amount}.
Di mutasi rekening ada dua pembayaran ke Brightdesk di hari yang sama dengan jumlah yang sama.
Kami menerima dua invoice untuk periode yang sama dan keduanya sudah terbayar. Mohon salah satunya
    dikembalikan.
kena charge 2x bulan ini, tolong dicek
Pembayaran pertama gagal, lalu saya masukkan kartu lagi, ternyata dua-duanya berhasil terpotong.
Ada dua transaksi {amount} dengan nomor invoice yang sama, {invoice_no}.
Bagian keuangan kami menemukan tagihan ganda dari Brightdesk saat rekonsiliasi.
Kami ditagih dua kali untuk paket tahunan, jumlahnya cukup besar untuk perusahaan kami.
Kenapa di kartu saya ada dua tagihan? Saya hanya punya satu workspace.
Setelah upgrade paket, sepertinya kami ditagih penuh untuk paket lama dan paket baru.
Mohon dicek akun kami, ada pembayaran dobel dan di halaman billing tidak ada penjelasannya.
Bank kami menandai dua debit yang identik dari perusahaan Anda. Yang mana yang benar?
# id_details
Transaksinya tanggal {day_of_month} {month_id}.
Nomor invoice: {invoice_no}.
Mohon kelebihan bayarnya dikembalikan ke kartu yang sama.
Saya bisa kirim screenshot mutasi rekening.
Akuntan kami membutuhkan nota kredit untuk tagihan ganda ini.
""",
    "refund_request": """
# subjects
Refund request
Requesting a refund
Can I get my money back?
Refund for unused months
Refund please
Charged after cancelling - refund
Refund for annual plan
Money back for accidental upgrade
Request for partial refund
Refund of last payment
refund?
Reimbursement request
Accidentally renewed - need refund
Refund for seats we didn't use
Please refund
# cores
I'd like to request a refund for our last payment; we haven't used the product since the renewal.
We were charged for the annual renewal but we had decided not to continue. Can we get a refund?
I accidentally upgraded to the {plan} plan instead of the monthly one. Could you refund the
    difference?
Is it possible to get a partial refund for the remaining months on our annual plan?
refund pls, we cancelled already
I cancelled before the renewal date but was still charged {amount}. Please refund it.
We added {n} seats by mistake and removed them the same day. Can we get those refunded?
Hello, I want my money back because the software is not working for what we need.
What's your refund policy? We signed up last week and realised it's not a fit for our team.
Our company closed this department, so we no longer need the subscription. Is a pro-rated refund
    possible?
My free trial converted to a paid plan without a reminder. I'd like a refund since I never used it
    after the trial.
The renewal charged our old card, which belongs to an employee who left. Can you refund it and
    charge the company card instead?
Please refund {amount} to our account; we downgraded at the start of the billing period.
I've been trying to get a refund for two weeks. Who can actually approve it?
We paid for the annual plan in {month} and the product never worked properly for us. I'd like a full
    refund.
Could you please process a refund for invoice {invoice_no}? It was paid by mistake.
I'm requesting a refund on behalf of my manager; she was charged personally for the team plan.
Is it possible to receive the refund as credit towards next year instead?
I requested a refund through the chat last week and haven't heard back. Any update?
We're a non-profit and were charged the full rate instead of the discounted one; can the difference
    be refunded?
# details
Invoice: {invoice_no}.
The amount was {amount}.
The payment was made on the {day_ord} of {month}.
Please refund to the original payment method.
We've already exported our data.
I'd appreciate a confirmation email once it's processed.
# id_subjects
Permintaan refund
Pengembalian dana
Mohon refund pembayaran
Refund langganan tahunan
Bisa minta uang kembali?
Sudah batal tapi tetap ditagih
Refund untuk upgrade yang tidak sengaja
Pengajuan refund
# id_cores
Saya ingin mengajukan pengembalian dana untuk pembayaran terakhir karena kami tidak memakai layanan
    ini lagi.
Kami sudah membatalkan sebelum tanggal perpanjangan, tapi tetap ditagih {amount}. Mohon
    dikembalikan.
Saya tidak sengaja upgrade ke paket {plan}. Apakah selisihnya bisa di-refund?
Apakah bisa refund sebagian untuk sisa bulan di paket tahunan kami?
mau refund, kami udah gak pakai lagi
Bagaimana kebijakan refund di {product}? Kami baru daftar minggu lalu dan ternyata kurang cocok.
Masa trial saya otomatis berubah jadi berbayar tanpa pemberitahuan. Mohon uangnya dikembalikan.
Sudah dua minggu saya menunggu proses refund. Siapa yang bisa menyetujuinya?
Mohon proses refund untuk invoice {invoice_no}, pembayaran itu terjadi karena salah klik.
Divisi kami sudah ditutup sehingga langganan ini tidak dibutuhkan lagi. Apakah bisa refund secara
    prorata?
Kami menambahkan {n} seat karena salah input dan langsung menghapusnya hari itu juga. Bisa
    di-refund?
Apakah refund bisa diberikan dalam bentuk kredit untuk tahun depan?
# id_details
Jumlahnya {amount}.
Mohon dikembalikan ke metode pembayaran yang sama.
Data kami sudah kami ekspor.
Mohon kirim email konfirmasi jika sudah diproses.
Pembayarannya tanggal {day_of_month} {month_id}.
""",
    "vat_id_missing_invoice": """
# subjects
VAT number missing on invoice
Tax ID not shown on invoices
Need invoice with our VAT ID
Invoice not valid without VAT number
Add VAT ID to invoices
Reverse charge / VAT ID
Our tax number isn't on the invoice
Invoice missing company tax details
VAT question
Accountant rejected invoice (no VAT ID)
Tax ID field on invoice
Please reissue invoices with VAT
EU VAT number
GST number not on invoice
invoice VAT
# cores
Our VAT number doesn't appear on the invoices, so our accountant can't book them.
I entered our VAT ID in the billing settings but it's still missing from the invoice PDF.
We're an EU business and need our VAT ID on the invoice for reverse charge. Where do I add it?
The invoices you send don't show our tax ID. Can you reissue the last {n_small} invoices with it?
vat id not on invoice, need it for accounting
Our auditors flagged that your invoices don't include our VAT registration number.
Is there a field for the tax ID? I can only find company name and address in billing.
Hello, the invoice is missing our VAT number {vat_id}, please add it.
Without our tax number on the invoice we can't reclaim the VAT. This needs fixing.
I saved our GST number under billing details, but the new invoice still doesn't show it.
Could you regenerate invoice {invoice_no} with our VAT ID included?
We were charged VAT even though we provided a valid VAT ID. Also the ID isn't printed on the
    invoice.
The tax ID appears on the receipt email but not on the actual invoice PDF.
Our finance department requires the customer VAT number on every supplier invoice, please add ours.
I'm the bookkeeper for {org}. The invoices we receive from you are missing our tax identification
    number.
When I add the VAT ID in settings it says "saved" but it disappears when I reload the page.
We've asked for this before: please include our VAT ID on invoices going forward.
Is it possible to show both our VAT ID and our company registration number on invoices?
Your invoice template doesn't seem to have a place for the customer's tax ID at all.
The VAT number on our invoice is an old one; the new one we entered is not used.
# details
Our VAT ID is {vat_id}.
We're based in {country}.
Invoice number {invoice_no}.
We need corrected invoices before the quarter closes.
We're on the {plan} plan, billed {billing_cycle}.
""",
    "dark_mode_request": """
# subjects
Dark mode please
Feature request: dark theme
Any plans for dark mode?
Night mode
Dark theme for the web app
Suggestion - dark mode
Please add dark mode
Eyes hurting - dark UI option?
Dark mode on mobile
Will you support system dark mode?
dark mode when
Feature idea: darker interface
Request: theme options
Too bright at night
+1 for dark mode
# cores
Would you consider adding a dark mode? Many of us work late and the white interface is very bright.
Please add a dark theme to the web app. It's the one thing I miss compared to other tools.
Are there any plans for dark mode? I'd love to use it on both desktop and mobile.
Feature request: a dark mode that follows the operating system setting.
dark mode pls
Our support team works night shifts and the bright screens are tiring. A dark theme would help a
    lot.
Is there a way to make the interface darker? I couldn't find a theme setting.
Hello, it's possible to have the dark mode in the application? For the eyes is better.
I have a light sensitivity condition and a dark mode would make the product much more accessible for
    me.
Just a suggestion: a dark theme option in user settings. Everything else in my setup is dark
    already.
Every other app on my phone is in dark mode and {product} is blinding at night.
I'd happily pay a bit more for a dark mode, honestly.
Could you add a high-contrast or dark theme? Some of our users have visual impairments.
Is dark mode on the roadmap? I saw a forum post from last year saying it was planned.
I use a browser extension to force dark mode on {product} but it breaks the charts. A native dark
    mode would be great.
Our designers asked me to pass this on: they would really like a dark mode.
Please, please, please add dark mode.
A dark theme would make long sessions in the app much more comfortable.
Any chance of a dark mode for the mobile app at least?
Adding a vote for dark mode from the whole team at {org}.
# details
It would be great if it followed the system setting automatically.
Mobile is where I'd use it most.
{n} people on my team asked me to send this.
Other tools we use, like Slack and Notion, already have it.
Thanks for considering it.
""",
    "slack_integration_request": """
# subjects
Slack integration?
Feature request: native Slack app
Do you integrate with Slack?
Slack notifications for new records
Connect Brightdesk with Slack
Request: post updates to Slack channel
Native Slack integration instead of Zapier
Slack app please
Any plans for Slack integration
Slack + Brightdesk
slack
Integration with Slack workspace
Get alerts in Slack
Slack bot for Brightdesk
Slack slash commands
# cores
Do you have a native Slack integration? We'd like new deals to be posted in a channel automatically.
Feature request: a Slack app so we can get notifications in Slack instead of email.
We currently use Zapier to push updates to Slack, but it's fiddly and costs extra. A native
    integration would be much better.
Is there any way to connect {product} to our Slack workspace?
slack integration would be great. any plans?
It would be great to create a task from a Slack message, like other tools allow.
Our team lives in Slack. Without an integration, people just miss updates in {product}.
Hello, we want to receive the notifications in Slack, is this possible or in the future?
Could you build a Slack integration that posts a daily summary to a channel?
We're evaluating {product} against competitors and the lack of a Slack integration is a real
    drawback for us.
I'd love slash commands in Slack to look up a customer record quickly.
Please add a Slack integration with per-channel filters, so sales updates go to #sales and support
    updates to #support.
Is a Slack integration on the roadmap? I couldn't find it in your integrations list.
We'd like mentions in {product} to arrive as Slack DMs.
The webhook workaround for Slack is too technical for our team. A proper app would help a lot.
Our manager asked whether {product} can send alerts to Slack when a high-priority item is created.
Any chance of a Microsoft Teams or Slack integration? Slack is more important for us.
We'd pay for an add-on if it gave us a proper Slack integration.
When a client replies, we'd like a notification in a shared Slack channel. Can you add that?
A two-way Slack integration (reply from Slack, update in {product}) would save us hours every week.
# details
We have {n} people in our Slack workspace.
Right now we use {integration} as a workaround.
Notifications for new and updated records would be enough to start with.
Happy to beta test if you build it.
It doesn't need to be fancy.
""",
    "bulk_edit_request": """
# subjects
Bulk edit records
Feature request: edit multiple records at once
Mass update option?
Change owner for many records
Bulk actions
Can I edit several items at the same time?
Need bulk editing
Request: multi-select and update
bulk update status
Editing hundreds of records one by one
Mass edit feature
Batch edit request
Select all + change field
Bulk reassign
Bulk tag records
# cores
Is there a way to edit multiple records at once? I need to change the owner on about {big_n_small}
    contacts.
Feature request: bulk edit. Select several records in the list and change a field for all of them.
We reorganised our sales territories and now I have to update hundreds of records one by one. Please
    add bulk editing.
Can I change the status of many tasks at the same time? I can only find delete in the bulk actions.
bulk edit would save me hours
Please add a mass update option, at least for owner, status and tags.
Hello, is possible to modify many records in one time? Now I do one by one and it takes all day.
When someone leaves the company we need to reassign all their records. Without bulk edit that's a
    whole afternoon.
I'd love a "select all" checkbox with an "edit field" action, like in spreadsheets.
Our admin spends hours every month updating records manually. A bulk edit feature would be a huge
    time saver.
Is bulk editing on the roadmap? We'd use it weekly.
Can we at least add tags to multiple records at once?
We imported data with a wrong value in one column. Is there any way to fix it in bulk rather than
    editing each record?
I miss the ability to edit several items at once. It's the main complaint from my team.
Please consider adding bulk edit to the mobile app too.
Changing the pipeline stage for {n} deals at once would be really helpful.
Is there an API endpoint for bulk updates? If not, could you add bulk edit in the UI?
A bulk edit option with an undo would make our clean-ups much easier.
Our manager wants to move all records from one project to another in one go. Is that possible?
Every spreadsheet can do this; it's surprising that {product} can't edit records in bulk.
# details
We have about {big_n} records.
Owner and status are the fields we'd change most.
We're on the {plan} plan.
Export, edit and re-import is our current workaround, but it's error-prone.
Thanks for listening!
""",
    "praise_support": """
# subjects
Thank you!
Great support
Thanks to {agent} from support
Just wanted to say thanks
Kudos to your team
Love the product
Excellent help today
You guys rock
Feedback: amazing service
Thanks for the quick fix
Happy customer
Compliment for your support team
thanks!!
Great experience
A big thank you
# cores
Just wanted to say thank you for the quick and friendly help yesterday. Problem solved in minutes.
Your support team is fantastic. {agent} went above and beyond to help us.
We've been using {product} for a year now and it has completely changed how our team works. Thank
    you!
Thanks for fixing the issue so quickly, really appreciated.
great product, great support. thanks
I rarely write these, but the help I got from {agent} today was excellent.
Hello, I want to say thanks for the help, you are very kind and fast.
Compliments to the whole team, the new update is really nice.
Best support experience I've had with any software company. Keep it up!
My team loves {product}. Onboarding the new people was painless.
Thanks {agent}! Everything works now and the explanation was very clear.
I'm the manager at {org} and wanted to pass on the team's thanks for the training session last week.
Kudos to your support team for answering at 8pm on a Friday.
No problem to report, just a thank you. The product does exactly what we need.
You helped me get our import done before the deadline. I owe you one!
Really impressed with how fast you responded. Thank you so much.
We evaluated five tools and chose {product} because of your support. So far it has been worth it.
Thank you for your patience explaining the settings to me, I'm not very technical.
Just a quick note to say the product is great and the team is happy.
Amazing job on the latest release, it made our daily work faster.
# details
Please pass this on to {agent}'s manager.
We'll definitely recommend you to other companies.
Have a great weekend!
Five stars from us.
""",
}


# ---------------------------------------------------------------------------------------------
# Generic text pools shared by all themes.
# ---------------------------------------------------------------------------------------------

GREETINGS_EN: tuple[str, ...] = (
    "Hi team,",
    "Hello Brightdesk support,",
    "Dear Sir/Madam,",
    "hey",
    "Hi,",
    "Hello,",
    "Hi there,",
    "Good morning,",
    "Dear Brightdesk team,",
    "Hi {agent},",
    "Hello support team,",
    "Hey guys,",
    "Good afternoon,",
    "To whom it may concern,",
    "Hi all,",
    "Hello again,",
    "Dear support,",
)
GREETINGS_ID: tuple[str, ...] = (
    "Halo,",
    "Halo tim Brightdesk,",
    "Selamat pagi tim support,",
    "Selamat siang,",
    "Selamat sore,",
    "Permisi,",
    "Dengan hormat,",
    "Halo kak,",
    "Hai tim support,",
    "Selamat pagi,",
)
SIGNOFFS_EN: tuple[str, ...] = (
    "Thanks,",
    "Thank you,",
    "Best regards,",
    "Kind regards,",
    "Cheers,",
    "Regards,",
    "Thanks in advance,",
    "Many thanks,",
    "Best,",
    "Thx",
    "Thanks & regards,",
    "Appreciate your help,",
    "All the best,",
)
SIGNOFFS_ID: tuple[str, ...] = (
    "Terima kasih",
    "Terima kasih banyak,",
    "Salam,",
    "Hormat saya,",
    "Terima kasih atas perhatiannya,",
    "Salam hangat,",
    "Makasih",
    "Terima kasih & salam,",
)
SENT_FROM: tuple[str, ...] = (
    "Sent from my iPhone",
    "Sent from my iPad",
    "Sent from my Galaxy",
    "Sent from Outlook for iOS",
    "Get Outlook for Android",
)
SENT_FROM_ID: tuple[str, ...] = ("Dikirim dari iPhone saya", "Dikirim dari ponsel Samsung saya")

FILLERS_EN: dict[str, tuple[str, ...]] = {
    "all": (
        "Any help would be appreciated.",
        "Thanks in advance.",
        "Let me know if you need more information.",
        "Looking forward to your reply.",
        "Please advise.",
        "Hope you can help.",
        "I couldn't find anything about this in the help center.",
        "Happy to jump on a call if that's easier.",
        "Sorry if this has been asked before.",
        "Let me know if you need screenshots.",
    ),
    "defect": (
        "This is urgent for us.",
        "Please help asap.",
        "We need this fixed today.",
        "This is blocking our work.",
        "Please escalate this.",
        "Is there a workaround in the meantime?",
        "Is this a known issue?",
        "Not happy about this at all.",
    ),
    "friction": (
        "This shouldn't be this hard.",
        "It's quite frustrating to be honest.",
        "Maybe I'm missing something obvious.",
    ),
    "question": ("A link to the documentation would be enough.", "No rush on this one."),
    "billing": (
        "Please sort this out as soon as possible.",
        "Our finance team is waiting on this.",
    ),
    "feature_request": ("Thanks for considering it.", "Keep up the good work.", "Just an idea!"),
    "praise": ("No need to reply.", "Keep up the good work!", "Cheers to the whole team."),
}
FILLERS_ID: dict[str, tuple[str, ...]] = {
    "all": (
        "Mohon bantuannya.",
        "Terima kasih atas bantuannya.",
        "Ditunggu kabar baiknya.",
        "Kalau perlu informasi tambahan, silakan hubungi saya.",
        "Mohon maaf kalau pertanyaan ini sudah pernah ditanyakan.",
    ),
    "defect": (
        "Mohon segera ditindaklanjuti karena ini mendesak.",
        "Apakah ada solusi sementara?",
        "Pekerjaan kami jadi terhambat.",
    ),
    "friction": ("Agak membingungkan sebenarnya.", "Seharusnya tidak serumit ini."),
    "question": ("Link dokumentasinya saja juga cukup.",),
    "billing": ("Mohon segera diproses.", "Bagian keuangan kami menunggu kabar."),
}

VAGUE_SUBJECTS_EN: dict[str, tuple[str, ...]] = {
    "all": (
        "Help!!",
        "Issue with account",
        "Question",
        "Need help",
        "Support request",
        "Quick question",
        "Help please",
        "Brightdesk",
        "Follow up",
        "Hi",
        "Request",
        "(no subject)",
        "Urgent",
        "Account problem",
    ),
    "defect": ("Not working", "Problem", "Bug?", "Something is wrong", "Issue"),
    "friction": ("Problem", "Confused", "Issue"),
    "billing": ("Billing", "Invoice question", "Payment"),
    "feature_request": ("Suggestion", "Feedback", "Idea"),
    "praise": ("Feedback", "Thanks"),
}
VAGUE_SUBJECTS_ID: tuple[str, ...] = (
    "Mohon bantuan",
    "Tanya",
    "Masalah akun",
    "Urgent",
    "Pertanyaan",
    "Halo",
    "Minta tolong",
    "Kendala",
)

AGENTS: tuple[tuple[str, str], ...] = (
    ("Anna", "Berg"),
    ("Tom", "Okafor"),
    ("Priya", "Nair"),
    ("Lukas", "Meyer"),
    ("Sofia", "Rossi"),
    ("Daniel", "Kim"),
    ("Rina", "Wijaya"),
    ("Marco", "Silva"),
)
AGENT_LINES_EN: tuple[str, ...] = (
    "Thanks for reaching out! Could you let us know which browser and version you are using?",
    "We've passed this on to our product team and will get back to you as soon as we can.",
    "Could you send us a screenshot or a short screen recording of what you see?",
    "I've marked this ticket as solved. If anything else comes up, just reply to this email.",
    "Thanks for your patience. Our engineers are looking into it.",
    "Can you confirm the email address of the affected user?",
    "Have you tried clearing your browser cache and logging in again?",
    "Just checking in: is this still happening on your side?",
    "Happy to help! Could you tell us a little more about what you are trying to do?",
)
AGENT_LINES_ID: tuple[str, ...] = (
    "Terima kasih sudah menghubungi kami. Boleh dikirimkan screenshot masalahnya?",
    "Kami sudah meneruskan hal ini ke tim produk dan akan segera mengabari Anda.",
    "Apakah masalahnya masih terjadi sampai sekarang?",
)
AGENT_CHAT_EN: tuple[str, ...] = (
    "Hi {first}, thanks for reaching out! Let me check that for you.",
    "Thanks for the details, one moment please.",
    "I'm sorry to hear that. Could you tell me which browser you're using?",
    "Let me look into this. I'll create a ticket so our team can follow up by email.",
    "Got it, thanks. Give me a minute to take a look.",
)
AGENT_CHAT_ID: tuple[str, ...] = (
    "Halo {first}, terima kasih sudah menghubungi kami. Saya cek dulu ya.",
    "Baik, mohon ditunggu sebentar.",
    "Terima kasih infonya, saya teruskan ke tim terkait ya.",
)
LINK_SENTENCES_EN: tuple[str, ...] = (
    "Here is the page I mean: {link}",
    "Link: {link}",
    "This is where it happens: {link}",
    "See {link}",
)
LINK_SENTENCES_ID: tuple[str, ...] = ("Ini halamannya: {link}", "Link: {link}")
FORM_TOPICS: dict[str, tuple[str, ...]] = {
    "defect": ("Technical problem", "Something is broken"),
    "friction": ("Technical problem", "Account & settings", "Other"),
    "question": ("How do I...?", "Account & settings"),
    "billing": ("Billing & payments",),
    "feature_request": ("Product feedback", "Other"),
    "praise": ("Product feedback", "Other"),
}

FIRST_NAMES: tuple[str, ...] = (
    "Maria",
    "John",
    "Priya",
    "Ahmed",
    "Sofia",
    "Liam",
    "Emma",
    "Noah",
    "Olivia",
    "Lucas",
    "Chloe",
    "Mateo",
    "Hannah",
    "Jonas",
    "Fatima",
    "Wei",
    "Aisha",
    "Oliver",
    "Mia",
    "Ethan",
    "Zoe",
    "Leon",
    "Inès",
    "Tomasz",
    "Kenji",
    "Amara",
    "Elena",
    "David",
    "Sarah",
    "Michael",
    "Grace",
    "Omar",
    "Lena",
    "Pieter",
    "Julia",
    "Marco",
    "Nora",
    "Sam",
    "Isabel",
    "Yusuf",
    "Ravi",
    "Anika",
    "Felix",
    "Clara",
    "Hugo",
    "Laura",
    "Ben",
    "Ava",
    "Jack",
    "Rosa",
    "Chidi",
    "Freya",
    "Mehmet",
    "Saoirse",
    "Björn",
    "Lucía",
    "Kwame",
    "Hana",
    "Diego",
    "Ingrid",
)
LAST_NAMES: tuple[str, ...] = (
    "Lopez",
    "Smith",
    "Patel",
    "Hassan",
    "Rossi",
    "Murphy",
    "Johansson",
    "Müller",
    "Nguyen",
    "Kowalski",
    "Tanaka",
    "Okafor",
    "Garcia",
    "de Vries",
    "Dubois",
    "Schmidt",
    "Brown",
    "Wilson",
    "Chen",
    "Ivanova",
    "Santos",
    "O'Brien",
    "Jensen",
    "Novak",
    "Ali",
    "Kim",
    "Fischer",
    "Moreau",
    "Costa",
    "Walsh",
    "Becker",
    "Haddad",
    "Lindqvist",
    "Reyes",
    "Clarke",
    "Mensah",
    "Yilmaz",
    "Fernández",
    "Andersen",
    "Kaur",
    "Byrne",
    "Nakamura",
    "Adeyemi",
    "van Dijk",
    "Rahman",
)
FIRST_NAMES_ID: tuple[str, ...] = (
    "Budi",
    "Siti",
    "Agus",
    "Dewi",
    "Rizky",
    "Putri",
    "Andi",
    "Fitri",
    "Dimas",
    "Ayu",
    "Hendra",
    "Nur",
    "Yoga",
    "Intan",
    "Fajar",
    "Rina",
    "Bayu",
    "Wulan",
    "Eko",
    "Maya",
)
LAST_NAMES_ID: tuple[str, ...] = (
    "Santoso",
    "Rahmawati",
    "Pratama",
    "Lestari",
    "Ramadhan",
    "Anggraini",
    "Wijaya",
    "Handayani",
    "Saputra",
    "Kusuma",
    "Gunawan",
    "Aini",
    "Permana",
    "Sari",
    "Nugroho",
    "Marlina",
    "Setiawan",
    "Prasetyo",
    "Puspita",
    "Hidayat",
)
TITLES_EN: tuple[str, ...] = (
    "Ops Lead",
    "Office Manager",
    "Head of Sales",
    "CTO",
    "Finance Manager",
    "Customer Success Manager",
    "Project Manager",
    "Founder",
    "IT Administrator",
    "Marketing Coordinator",
    "Operations Director",
    "Account Executive",
    "Bookkeeper",
    "Support Lead",
    "Developer",
    "Team Lead",
    "COO",
    "Sales Operations",
)
TITLES_ID: tuple[str, ...] = (
    "Manajer Operasional",
    "Staf Keuangan",
    "Admin IT",
    "Kepala Penjualan",
    "Direktur",
    "Project Manager",
    "Staf Administrasi",
)

ORG_PREFIXES: tuple[str, ...] = (
    "Acme",
    "Northwind",
    "Bluepeak",
    "Brightwater",
    "Cedar",
    "Copperleaf",
    "Driftwood",
    "Evergreen",
    "Foxglove",
    "Granite",
    "Harbor",
    "Ironbark",
    "Juniper",
    "Keystone",
    "Lakeside",
    "Larkspur",
    "Maple",
    "Meridian",
    "Nimbus",
    "Oakridge",
    "Orbit",
    "Pinecrest",
    "Quarry",
    "Redwood",
    "Riverbend",
    "Saltmarsh",
    "Silverline",
    "Stonebridge",
    "Summit",
    "Tidewater",
    "Trailhead",
    "Uplift",
    "Vantage",
    "Westfield",
    "Willow",
    "Zephyr",
    "Atlas",
    "Beacon",
    "Canopy",
    "Delta",
    "Ember",
    "Fjord",
    "Halcyon",
    "Horizon",
    "Kestrel",
    "Lumen",
    "Mosaic",
    "Northstar",
    "Parallel",
    "Quill",
    "Sable",
    "Tandem",
    "Vector",
    "Wren",
)
ORG_SUFFIXES: tuple[str, ...] = (
    "Logistics",
    "Labs",
    "Studio",
    "Consulting",
    "Health",
    "Analytics",
    "Partners",
    "Foods",
    "Energy",
    "Legal",
    "Media",
    "Robotics",
    "Interiors",
    "Freight",
    "Dental",
    "Ventures",
    "Architects",
    "Outdoor",
    "Retail",
    "Software",
    "Clinic",
    "Agency",
    "Solutions",
    "Group",
    "Supply",
    "Systems",
    "Marketing",
    "Events",
    "Capital",
    "Engineering",
)
ORG_AMPERSAND: tuple[str, ...] = (
    "Baker & Finch",
    "Holt & Rowe Legal",
    "Moss & Lane",
    "Carter & Doyle Accountants",
    "Field & Fern",
    "Hart & Co. Design",
)
ORGS_ID: tuple[tuple[str, str], ...] = (
    ("PT Maju Bersama Logistik", "majubersama.co.id"),
    ("PT Sinar Nusantara Digital", "sinarnusantara.co.id"),
    ("CV Karya Mandiri", "karyamandiri.co.id"),
    ("PT Cahaya Abadi Retail", "cahayaabadi.co.id"),
    ("PT Nusa Teknologi Indonesia", "nusatek.co.id"),
    ("PT Samudra Biru Ekspres", "samudrabiru.co.id"),
    ("CV Berkah Jaya Furniture", "berkahjaya.co.id"),
    ("PT Mitra Sehat Klinik", "mitrasehat.co.id"),
    ("PT Garuda Solusi Data", "garudasolusi.co.id"),
    ("PT Rasa Kopi Nusantara", "rasakopi.co.id"),
    ("PT Bumi Hijau Agro", "bumihijau.co.id"),
    ("CV Sentosa Printing", "sentosaprint.co.id"),
    ("PT Arunika Media", "arunikamedia.co.id"),
    ("PT Lentera Edukasi", "lenteraedukasi.co.id"),
    ("PT Tirta Kencana Properti", "tirtakencana.co.id"),
)
PERSONAL_DOMAINS: tuple[str, ...] = (
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "hotmail.com",
    "icloud.com",
    "proton.me",
)


@dataclass(frozen=True)
class Country:
    """Where an organization sits: name, summer UTC offset, currency, TLD, phone style, cities."""

    name: str
    utc_offset: int
    currency: str
    tld: str
    phone_style: str
    cities: tuple[str, ...]
    entity: tuple[str, ...]


COUNTRIES: dict[str, Country] = {
    "US": Country(
        "the United States",
        -5,
        "$",
        ".com",
        "us",
        ("Austin", "Chicago", "Denver", "Seattle", "Boston"),
        ("Inc.", "LLC"),
    ),
    "UK": Country(
        "the United Kingdom",
        1,
        "£",
        ".co.uk",
        "uk",
        ("London", "Manchester", "Bristol", "Leeds", "Edinburgh"),
        ("Ltd",),
    ),
    "DE": Country(
        "Germany", 2, "€", ".de", "uk", ("Berlin", "Hamburg", "Munich", "Cologne"), ("GmbH",)
    ),
    "NL": Country(
        "the Netherlands", 2, "€", ".nl", "uk", ("Amsterdam", "Utrecht", "Rotterdam"), ("B.V.",)
    ),
    "FR": Country("France", 2, "€", ".fr", "uk", ("Paris", "Lyon", "Nantes"), ("SAS",)),
    "IE": Country("Ireland", 1, "€", ".ie", "uk", ("Dublin", "Cork", "Galway"), ("Ltd",)),
    "CA": Country("Canada", -4, "$", ".ca", "us", ("Toronto", "Vancouver", "Montreal"), ("Inc.",)),
    "AU": Country(
        "Australia", 10, "A$", ".com.au", "au", ("Sydney", "Melbourne", "Brisbane"), ("Pty Ltd",)
    ),
    "ES": Country("Spain", 2, "€", ".es", "uk", ("Madrid", "Barcelona", "Valencia"), ("S.L.",)),
    "ID": Country(
        "Indonesia",
        7,
        "Rp",
        ".co.id",
        "id",
        ("Jakarta", "Surabaya", "Bandung", "Medan", "Yogyakarta", "Semarang"),
        ("",),
    ),
}
COUNTRY_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("US", 35),
    ("UK", 20),
    ("DE", 10),
    ("NL", 8),
    ("FR", 5),
    ("IE", 5),
    ("CA", 6),
    ("AU", 6),
    ("ES", 3),
)
EU_COUNTRIES: tuple[str, ...] = ("UK", "DE", "NL", "FR", "IE", "ES")
PLANS: tuple[str, ...] = ("Free", "Starter", "Pro", "Enterprise")
PLAN_WEIGHTS: tuple[float, ...] = (18, 32, 35, 15)
PLAN_TICKET_WEIGHT: dict[str, float] = {"Free": 0.7, "Starter": 1.0, "Pro": 1.5, "Enterprise": 2.4}
PLAN_PEOPLE: dict[str, tuple[int, int]] = {
    "Free": (1, 2),
    "Starter": (1, 4),
    "Pro": (2, 6),
    "Enterprise": (4, 9),
}
PAID_ONLY_THEMES: tuple[str, ...] = (
    "cancel_subscription_hard",
    "billing_address_change_confusing",
    "duplicate_charge",
    "refund_request",
    "vat_id_missing_invoice",
)
CARD_THEMES: dict[str, float] = {
    "duplicate_charge": 0.34,
    "refund_request": 0.26,
    "vat_id_missing_invoice": 0.06,
    "cancel_subscription_hard": 0.05,
    "billing_address_change_confusing": 0.04,
}

WEEKDAYS_EN: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
WEEKDAYS_ID: tuple[str, ...] = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS_EN: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS_ID: tuple[str, ...] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
# Weekday weights (Monday first) and local-time hour weights for when tickets are created.
WEEKDAY_WEIGHTS: tuple[float, ...] = (1.15, 1.1, 1.05, 1.0, 0.9, 0.3, 0.25)
LOCAL_HOUR_WEIGHTS: tuple[float, ...] = (
    0.1,
    0.08,
    0.06,
    0.05,
    0.05,
    0.08,
    0.2,
    0.6,
    1.4,
    1.8,
    1.8,
    1.7,
    1.3,
    1.5,
    1.7,
    1.6,
    1.4,
    1.0,
    0.6,
    0.4,
    0.3,
    0.25,
    0.2,
    0.15,
)

BROWSERS: tuple[str, ...] = (
    "Chrome 126",
    "Chrome 127",
    "Chrome 128",
    "Firefox 128",
    "Firefox 129",
    "Safari 17.5",
    "Safari 17.6",
    "Edge 126",
    "Edge 127",
    "Brave",
    "Chrome",
    "Firefox",
    "Safari",
)
OPERATING_SYSTEMS: tuple[str, ...] = (
    "Windows 11",
    "Windows 10",
    "macOS Sonoma 14.5",
    "macOS Ventura",
    "macOS 14.6",
    "Ubuntu 22.04",
    "ChromeOS",
    "MacBook Air (M2)",
    "Windows 11 Pro",
)
DEVICES: tuple[str, ...] = (
    "iPhone 13",
    "iPhone 15 Pro",
    "iPhone SE",
    "iPhone 12 mini",
    "Samsung Galaxy S23",
    "Samsung Galaxy A54",
    "Google Pixel 7",
    "Google Pixel 8a",
    "Xiaomi Redmi Note 12",
    "OPPO A78",
)
APP_VERSIONS: tuple[str, ...] = ("4.18.2", "4.19.0", "4.19.1", "4.20.0", "4.20.1")
NEW_VERSIONS: tuple[str, ...] = ("5.0", "5.0.0", "5.0.1", "v5")
INTEGRATIONS: tuple[str, ...] = (
    "Zapier",
    "Make",
    "HubSpot",
    "Power BI",
    "n8n",
    "Google Sheets",
    "Salesforce",
    "Xero",
)
OLD_CRMS: tuple[str, ...] = (
    "Pipedrive",
    "HubSpot",
    "Zoho CRM",
    "Salesforce",
    "an old Access database",
    "Excel",
    "monday.com",
)
MAIL_PROVIDERS: tuple[str, ...] = ("Google Workspace", "Microsoft 365", "Outlook", "Gmail")
STREETS: tuple[str, ...] = (
    "Market Street",
    "Station Road",
    "Harbour Way",
    "Mill Lane",
    "Park Avenue",
    "King Street",
    "Canal Street",
    "Church Road",
    "Victoria Avenue",
)
TIMES: tuple[str, ...] = ("2pm", "11:30", "3 o'clock", "10am", "4:30pm", "noon")
AMOUNTS: tuple[str, ...] = (
    "49.00",
    "79.00",
    "129.00",
    "249.00",
    "588.00",
    "948.00",
    "1,548.00",
    "2,990.00",
)
AMOUNTS_IDR: tuple[str, ...] = ("749.000", "1.250.000", "2.190.000", "3.490.000", "12.900.000")
CARD_SENTENCES_EN: tuple[str, ...] = (
    "The card used was {card}.",
    "It was charged to {card}.",
    "Card number is {card} in case you need it to find the payment.",
    "Both charges went to card {card}, expiry {exp}.",
    "The card on file is {card} (exp {exp}).",
    "Please refund it to {card}.",
)
CARD_SENTENCES_ID: tuple[str, ...] = (
    "Kartu yang dipakai {card}.",
    "Nomor kartunya {card}, masa berlaku {exp}.",
)
CONTACT_SENTENCES_EN: dict[str, tuple[str, ...]] = {
    "phone": (
        "You can reach me on {phone} if it's easier to talk.",
        "Please call me back at {phone}.",
        "My direct line is {phone}.",
        "Feel free to call {phone}, I'm in the office all day.",
    ),
    "pemail": (
        "Please reply to {pemail} rather than this address, I don't check it often.",
        "My personal email is {pemail} in case this one bounces.",
    ),
    "cemail": (
        "Please cc my colleague {cemail}.",
        "Also loop in {cemail}, who manages our account.",
        "You can also contact {cemail} about this.",
    ),
}
CONTACT_SENTENCES_ID: dict[str, tuple[str, ...]] = {
    "phone": ("Bisa hubungi saya di {phone}.", "Nomor WA saya {phone}."),
    "pemail": ("Mohon balas ke email {pemail}.",),
    "cemail": ("Tolong cc rekan saya {cemail}.",),
}

WINDOW_END = WINDOW_START + timedelta(days=WINDOW_DAYS)
EMERGING_START = WINDOW_END - timedelta(days=EMERGING_DAYS)
PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")
THEME_TEXT_SECTIONS: tuple[str, ...] = (
    "subjects",
    "cores",
    "details",
    "id_subjects",
    "id_cores",
    "id_details",
)


# ---------------------------------------------------------------------------------------------
# Data types.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeText:
    """The phrasings of one theme, in English and (optionally) Indonesian."""

    subjects: tuple[str, ...]
    cores: tuple[str, ...]
    details: tuple[str, ...]
    id_subjects: tuple[str, ...] = ()
    id_cores: tuple[str, ...] = ()
    id_details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    """A requester at an organization."""

    first: str
    last: str
    email: str
    title: str

    @property
    def full(self) -> str:
        """First and last name."""
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Org:
    """A customer organization with its plan, country and people."""

    name: str
    domain: str
    plan: str
    country: str
    people: tuple[Person, ...]
    weight: float


@dataclass
class Ctx:
    """Everything one ticket's text is filled from; ``values`` caches placeholders per ticket."""

    org: Org
    person: Person
    agent: tuple[str, str]
    created: datetime
    lang: str
    slug: str
    values: dict[str, str] = field(default_factory=dict)
    pii: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Ticket:
    """One ticket of the export plus its planted label."""

    created: datetime
    slug: str
    kind: str
    lang: str
    subject: str
    description: str
    status: str
    priority: str
    via: str
    tags: str
    csat: str
    requester: str
    org: str
    plan: str
    reopens: int
    replies: int
    resolution: str
    pii: tuple[tuple[str, str], ...] = ()
    ticket_id: int = 0

    def row(self) -> list[str]:
        """The export row, in ``HEADERS`` order."""
        return [
            str(self.ticket_id),
            self.subject,
            self.description,
            format_datetime(self.created),
            self.status,
            self.priority,
            self.via,
            self.tags,
            self.csat,
            self.requester,
            self.org,
            self.plan,
            str(self.reopens),
            str(self.replies),
            self.resolution,
        ]


# ---------------------------------------------------------------------------------------------
# Small helpers.
# ---------------------------------------------------------------------------------------------


def parse_theme_text(block: str) -> ThemeText:
    """Parse a ``THEME_TEXT`` block into its sections."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in block.splitlines():
        if not raw.strip():
            continue
        if raw.startswith("# "):
            name = raw[2:].strip()
            if name not in THEME_TEXT_SECTIONS:
                raise ValueError(f"unknown theme text section {name!r}")
            current = sections.setdefault(name, [])
        elif current is None:
            raise ValueError(f"theme text line before any section: {raw!r}")
        elif raw.startswith("    "):
            current[-1] = f"{current[-1]} {raw.strip()}"
        else:
            current.append(raw.strip())
    return ThemeText(**{name: tuple(items) for name, items in sections.items()})


def ascii_slug(text: str) -> str:
    """Lowercase ASCII letters and digits only ("O'Brien" -> "obrien", "Müller" -> "muller")."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def format_datetime(value: datetime) -> str:
    """``YYYY-MM-DD HH:MM:SS`` without going through the locale."""
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d} "
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    )


def clock12(value: datetime, seconds: bool = True) -> str:
    """A 12-hour clock time such as ``09:14:22 AM`` (locale independent)."""
    hour = value.hour % 12 or 12
    suffix = "AM" if value.hour < 12 else "PM"
    if seconds:
        return f"{hour:02d}:{value.minute:02d}:{value.second:02d} {suffix}"
    return f"{hour}:{value.minute:02d} {suffix}"


def ordinal(day: int) -> str:
    """1 -> 1st, 22 -> 22nd, 13 -> 13th."""
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def luhn_valid(number: str) -> bool:
    """Whether the digits of ``number`` pass the Luhn check."""
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return bool(digits) and total % 10 == 0


def make_card(rng: Random) -> str:
    """A Luhn-valid Visa, Mastercard or Amex number, grouped with spaces, dashes or nothing."""
    brand = rng.choices(("visa", "mastercard", "amex"), weights=(6, 4, 1))[0]
    if brand == "visa":
        partial = "4" + "".join(str(rng.randrange(10)) for _ in range(14))
    elif brand == "mastercard":
        partial = "5" + str(rng.randint(1, 5)) + "".join(str(rng.randrange(10)) for _ in range(13))
    else:
        partial = "3" + rng.choice("47") + "".join(str(rng.randrange(10)) for _ in range(12))
    number = next(partial + d for d in "0123456789" if luhn_valid(partial + d))
    groups = (4, 6, 5) if brand == "amex" else (4, 4, 4, 4)
    parts: list[str] = []
    start = 0
    for size in groups:
        parts.append(number[start : start + size])
        start += size
    separator = rng.choices((" ", "-", ""), weights=(6, 2, 2))[0]
    return separator.join(parts)


def make_phone(rng: Random, style: str) -> str:
    """A phone number in fictional ranges (555-01xx, 020 7946 0xxx, 02 5550) or Indonesian form."""
    if style == "us":
        area = rng.choice((415, 212, 312, 646, 206, 512, 617))
        tail = f"01{rng.randrange(100):02d}"
        return rng.choice(
            (
                f"+1 {area} 555 {tail}",
                f"({area}) 555-{tail}",
                f"+1-{area}-555-{tail}",
                f"{area}-555-{tail}",
            )
        )
    if style == "uk":
        tail = f"{rng.randrange(1000):03d}"
        return rng.choice((f"+44 20 7946 0{tail}", f"020 7946 0{tail}", f"+44 (0)20 7946 0{tail}"))
    if style == "au":
        tail = f"{rng.randrange(10000):04d}"
        return rng.choice((f"+61 2 5550 {tail}", f"(02) 5550 {tail}"))
    prefix = rng.choice(("811", "812", "813", "821", "822", "852", "857", "878"))
    first = f"{rng.randrange(10000):04d}"
    second = f"{rng.randrange(10000):04d}"
    return rng.choice(
        (
            f"+62 {prefix}-{first}-{second}",
            f"0{prefix} {first} {second}",
            f"0{prefix}-{first}-{second}",
            f"+62{prefix}{first}{second}",
        )
    )


def make_vat_id(rng: Random, country: str) -> str:
    """A plausible-looking (not real) company tax number for ``country``."""

    def digits(count: int) -> str:
        return "".join(str(rng.randrange(10)) for _ in range(count))

    formats: dict[str, Callable[[], str]] = {
        "DE": lambda: f"DE{digits(9)}",
        "NL": lambda: f"NL{digits(9)}B01",
        "FR": lambda: f"FR{digits(2)} {digits(9)}",
        "IE": lambda: f"IE{digits(7)}W",
        "UK": lambda: f"GB {digits(3)} {digits(4)} {digits(2)}",
        "ES": lambda: f"ESB{digits(8)}",
        "AU": lambda: f"ABN {digits(2)} {digits(3)} {digits(3)} {digits(3)}",
        "CA": lambda: f"{digits(9)} RT0001",
        "ID": lambda: f"NPWP {digits(2)}.{digits(3)}.{digits(3)}.{digits(1)}-{digits(3)}.000",
    }
    return formats.get(country, lambda: f"EIN {digits(2)}-{digits(7)}")()


def weighted(rng: Random, options: Sequence[str], weights: Sequence[float]) -> str:
    """One of ``options`` drawn with ``weights``."""
    return rng.choices(list(options), weights=list(weights))[0]


# ---------------------------------------------------------------------------------------------
# Organizations and people.
# ---------------------------------------------------------------------------------------------


def make_person(rng: Random, domain: str, indonesian: bool, plan: str, taken: set[str]) -> Person:
    """A requester with a realistic email address, mostly at the organization's domain."""
    firsts = FIRST_NAMES_ID if indonesian else FIRST_NAMES
    lasts = LAST_NAMES_ID if indonesian else LAST_NAMES
    titles = TITLES_ID + TITLES_EN[:6] if indonesian else TITLES_EN
    while True:
        first, last = rng.choice(firsts), rng.choice(lasts)
        f, la = ascii_slug(first), ascii_slug(last)
        personal = rng.random() < (0.35 if plan == "Free" else 0.08)
        local = weighted(
            rng,
            (f"{f}.{la}", f"{f[0]}{la}", f, f"{f}_{la}", f"{f}{la[0]}"),
            (50, 20, 15, 5, 10),
        )
        if personal:
            local = f"{local}{rng.randint(1, 99)}" if rng.random() < 0.5 else local
            email = f"{local}@{rng.choice(PERSONAL_DOMAINS)}"
        else:
            email = f"{local}@{domain}"
        if email not in taken:
            taken.add(email)
            return Person(first, last, email, rng.choice(titles))


def build_orgs(rng: Random) -> list[Org]:
    """About 150 invented organizations (15 of them Indonesian)."""
    combos = [f"{prefix} {suffix}" for prefix in ORG_PREFIXES for suffix in ORG_SUFFIXES]
    names = rng.sample(combos, 129) + list(ORG_AMPERSAND)
    codes = [code for code, _ in COUNTRY_WEIGHTS]
    code_weights = [weight for _, weight in COUNTRY_WEIGHTS]
    used_domains: set[str] = set()
    taken_emails: set[str] = set()
    orgs: list[Org] = []
    for base in names:
        code = weighted(rng, codes, code_weights)
        country = COUNTRIES[code]
        words = re.findall(r"[A-Za-z]+", base.replace(" Co. ", " "))
        stem = "".join(words).lower()
        short = words[0].lower()
        tld = country.tld if rng.random() < 0.7 else rng.choice((".io", ".com", ".co"))
        domain = f"{short}{tld}" if rng.random() < 0.3 else f"{stem}{tld}"
        if domain in used_domains:
            domain = f"{stem}{tld}"
        while domain in used_domains:
            domain = f"{stem}{rng.randint(2, 99)}{tld}"
        used_domains.add(domain)
        entity = rng.choice(country.entity)
        name = f"{base} {entity}" if entity and rng.random() < 0.35 else base
        orgs.append(new_org(rng, name, domain, code, taken_emails))
    for name, domain in ORGS_ID:
        orgs.append(new_org(rng, name, domain, "ID", taken_emails))
    return orgs


def new_org(rng: Random, name: str, domain: str, code: str, taken: set[str]) -> Org:
    """An organization with a plan tier and a handful of requesters."""
    plan = weighted(rng, PLANS, PLAN_WEIGHTS)
    low, high = PLAN_PEOPLE[plan]
    people = tuple(
        make_person(rng, domain, code == "ID", plan, taken) for _ in range(rng.randint(low, high))
    )
    weight = PLAN_TICKET_WEIGHT[plan] * rng.uniform(0.5, 1.5)
    return Org(name, domain, plan, code, people, weight)


def pick_org(rng: Random, orgs: Sequence[Org], lang: str, slug: str) -> Org:
    """An organization for a ticket: Indonesian tickets from Indonesian companies, etc."""
    pool = [org for org in orgs if lang == "en" or org.country == "ID"]
    if slug in PAID_ONLY_THEMES:
        pool = [org for org in pool if org.plan != "Free"]
    if slug == "vat_id_missing_invoice" and rng.random() < 0.85:
        pool = [org for org in pool if org.country in EU_COUNTRIES]
    weights = [org.weight * (0.3 if lang == "en" and org.country == "ID" else 1.0) for org in pool]
    return rng.choices(pool, weights=weights)[0]


# ---------------------------------------------------------------------------------------------
# Placeholders.
# ---------------------------------------------------------------------------------------------


def value(rng: Random, ctx: Ctx, key: str) -> str:
    """The per-ticket value of placeholder ``key`` (drawn once, then reused)."""
    if key not in ctx.values:
        ctx.values[key] = RESOLVERS[key](rng, ctx)
    return ctx.values[key]


def fill(rng: Random, template: str, ctx: Ctx) -> str:
    """Replace every ``{placeholder}`` in ``template``."""
    return PLACEHOLDER.sub(lambda match: value(rng, ctx, match.group(1)), template)


def _past_date(rng: Random, ctx: Ctx) -> datetime:
    stamp = value(rng, ctx, "_past")
    return datetime(int(stamp[:4]), int(stamp[5:7]), int(stamp[8:10]))


def _rows(rng: Random, ctx: Ctx, key: str) -> str:
    if "rows_expected" not in ctx.values:
        expected = rng.randint(1200, 25000)
        missing = rng.randint(40, expected // 3)
        ctx.values["rows_expected"] = f"{expected:,}"
        ctx.values["rows_got"] = f"{expected - missing:,}"
        ctx.values["missing"] = f"{missing:,}"
        ctx.values["pct"] = str(max(1, (100 * missing + expected // 2) // expected))
    return ctx.values[key]


def _browser2(rng: Random, ctx: Ctx) -> str:
    first = value(rng, ctx, "browser").split(" ")[0]
    return rng.choice([b for b in BROWSERS if not b.startswith(first)])


def _mobile_os(rng: Random, ctx: Ctx) -> str:
    if value(rng, ctx, "device").startswith("iPhone"):
        return rng.choice(("iOS 17.5.1", "iOS 17.6", "iOS 17.4", "iOS 18 beta"))
    return rng.choice(("Android 13", "Android 14", "Android 12"))


def _amount(rng: Random, ctx: Ctx) -> str:
    currency = COUNTRIES[ctx.org.country].currency
    if currency == "Rp":
        if rng.random() < 0.7:
            return f"Rp {rng.choice(AMOUNTS_IDR)}"
        currency = "$"
    amount = rng.choice(AMOUNTS)
    return f"{currency}{amount}" if rng.random() < 0.8 else f"{amount} {currency}"


def _teammate(rng: Random, ctx: Ctx) -> str:
    names = FIRST_NAMES_ID if ctx.org.country == "ID" else FIRST_NAMES
    return rng.choice([name for name in names if name != ctx.person.first])


def _renewal(rng: Random, ctx: Ctx, indonesian: bool) -> str:
    when = ctx.created + timedelta(days=rng.randint(7, 60))
    if indonesian:
        return f"{when.day} {MONTHS_ID[when.month - 1]} {when.year}"
    month = MONTHS_EN[when.month - 1]
    return rng.choice((f"{month} {when.day}", f"{when.day} {month}", f"the {ordinal(when.day)}"))


def _release_day(rng: Random, indonesian: bool) -> str:
    day = EMERGING_START.day
    month_id, month = MONTHS_ID[EMERGING_START.month - 1], MONTHS_EN[EMERGING_START.month - 1]
    if indonesian:
        return f"{day} {month_id}"
    return rng.choice((f"{month} {day}", f"{day} {month}", f"the {ordinal(day)} of {month}"))


def _weekday(rng: Random, ctx: Ctx, names: tuple[str, ...]) -> str:
    return names[(ctx.created - timedelta(days=rng.randint(1, 6))).weekday()]


def _personal_email(rng: Random, ctx: Ctx) -> str:
    person = ctx.person
    local = f"{ascii_slug(person.first)}.{ascii_slug(person.last)}"
    if rng.random() < 0.5:
        local = f"{local}{rng.randint(70, 99)}"
    email = f"{local}@{rng.choice(PERSONAL_DOMAINS)}"
    ctx.pii.append(("email", email))
    return email


def _colleague_email(rng: Random, ctx: Ctx) -> str:
    others = [p for p in ctx.org.people if p.email != ctx.person.email]
    if others and rng.random() < 0.8:
        email = rng.choice(others).email
    else:
        names = FIRST_NAMES_ID if ctx.org.country == "ID" else FIRST_NAMES
        email = f"{ascii_slug(rng.choice(names))}@{ctx.org.domain}"
    ctx.pii.append(("email", email))
    return email


def _phone(rng: Random, ctx: Ctx) -> str:
    phone = make_phone(rng, COUNTRIES[ctx.org.country].phone_style)
    ctx.pii.append(("phone", phone))
    return phone


def _card(rng: Random, ctx: Ctx) -> str:
    card = make_card(rng)
    ctx.pii.append(("card", card))
    return card


def _address(rng: Random, ctx: Ctx) -> str:
    city = value(rng, ctx, "city")
    if ctx.org.country == "ID":
        return f"Jl. Jend. Sudirman No. {rng.randint(1, 120)}, {city}"
    return f"{rng.randint(1, 240)} {rng.choice(STREETS)}, {city}"


Resolver = Callable[[Random, Ctx], str]
RESOLVERS: dict[str, Resolver] = {
    "product": lambda rng, ctx: PRODUCT,
    "org": lambda rng, ctx: ctx.org.name,
    "plan": lambda rng, ctx: ctx.org.plan,
    "first": lambda rng, ctx: ctx.person.first,
    "agent": lambda rng, ctx: ctx.agent[0],
    "teammate": _teammate,
    "n": lambda rng, ctx: str(rng.randint(2, 40)),
    "n_small": lambda rng, ctx: str(rng.randint(2, 6)),
    "big_n": lambda rng, ctx: f"{rng.randint(800, 60000):,}".replace(
        ",", "." if ctx.lang == "id" else ","
    ),
    "big_n_small": lambda rng, ctx: str(rng.randint(120, 900)),
    "rows_expected": lambda rng, ctx: _rows(rng, ctx, "rows_expected"),
    "rows_got": lambda rng, ctx: _rows(rng, ctx, "rows_got"),
    "missing": lambda rng, ctx: _rows(rng, ctx, "missing"),
    "pct": lambda rng, ctx: (
        _rows(rng, ctx, "pct") if ctx.slug.startswith("csv") else str(rng.randint(5, 60))
    ),
    "seconds": lambda rng, ctx: str(rng.randint(15, 90)),
    "seconds2": lambda rng, ctx: str(int(value(rng, ctx, "seconds")) + rng.randint(10, 60)),
    "minutes_small": lambda rng, ctx: str(rng.randint(2, 5)),
    "ms": lambda rng, ctx: str(rng.randrange(120, 900, 10)),
    "mb": lambda rng, ctx: str(rng.randint(3, 28)),
    "browser": lambda rng, ctx: rng.choice(BROWSERS),
    "browser2": _browser2,
    "os": lambda rng, ctx: rng.choice(OPERATING_SYSTEMS),
    "device": lambda rng, ctx: rng.choice(DEVICES),
    "mobile_os": _mobile_os,
    "app_version": lambda rng, ctx: rng.choice(APP_VERSIONS),
    "new_version": lambda rng, ctx: rng.choice(NEW_VERSIONS),
    "weekday": lambda rng, ctx: _weekday(rng, ctx, WEEKDAYS_EN),
    "weekday_id": lambda rng, ctx: _weekday(rng, ctx, WEEKDAYS_ID),
    "time": lambda rng, ctx: rng.choice(TIMES),
    "_past": lambda rng, ctx: (ctx.created - timedelta(days=rng.randint(1, 25))).isoformat(),
    "month": lambda rng, ctx: MONTHS_EN[_past_date(rng, ctx).month - 1],
    "month_id": lambda rng, ctx: MONTHS_ID[_past_date(rng, ctx).month - 1],
    "day_of_month": lambda rng, ctx: str(_past_date(rng, ctx).day),
    "day_ord": lambda rng, ctx: ordinal(_past_date(rng, ctx).day),
    "release_day": lambda rng, ctx: _release_day(rng, False),
    "release_day_id": lambda rng, ctx: _release_day(rng, True),
    "renewal_date": lambda rng, ctx: _renewal(rng, ctx, False),
    "renewal_date_id": lambda rng, ctx: _renewal(rng, ctx, True),
    "invoice_no": lambda rng, ctx: f"INV-2026-{rng.randint(10000, 99999)}",
    "amount": _amount,
    "billing_cycle": lambda rng, ctx: rng.choice(("monthly", "annually", "yearly")),
    "vat_id": lambda rng, ctx: make_vat_id(rng, ctx.org.country),
    "country": lambda rng, ctx: COUNTRIES[ctx.org.country].name,
    "city": lambda rng, ctx: rng.choice(COUNTRIES[ctx.org.country].cities),
    "integration": lambda rng, ctx: rng.choice(INTEGRATIONS),
    "old_crm": lambda rng, ctx: rng.choice(OLD_CRMS),
    "mail_provider": lambda rng, ctx: rng.choice(MAIL_PROVIDERS),
    "domain": lambda rng, ctx: ctx.org.domain,
    "hex": lambda rng, ctx: "".join(rng.choice("0123456789abcdef") for _ in range(16)),
    "record_id": lambda rng, ctx: str(rng.randint(100000, 999999)),
    "search_q": lambda rng, ctx: rng.choice(
        (ctx.org.domain.split(".")[0], ascii_slug(ctx.person.last), "invoice")
    ),
    "address": _address,
    "exp": lambda rng, ctx: f"{rng.randint(1, 12):02d}/{rng.randint(27, 31)}",
    "phone": _phone,
    "card": _card,
    "pemail": _personal_email,
    "cemail": _colleague_email,
}


def check_placeholders(texts: dict[str, ThemeText]) -> None:
    """Fail early if any template uses a placeholder without a resolver."""
    templates: list[str] = [spec.app_path for spec in THEMES]
    for text in texts.values():
        for name in THEME_TEXT_SECTIONS:
            templates.extend(getattr(text, name))
    for pool in (
        GREETINGS_EN,
        CARD_SENTENCES_EN,
        CARD_SENTENCES_ID,
        AGENT_CHAT_EN,
        AGENT_CHAT_ID,
        *CONTACT_SENTENCES_EN.values(),
        *CONTACT_SENTENCES_ID.values(),
    ):
        templates.extend(pool)
    for template in templates:
        for key in PLACEHOLDER.findall(template):
            if key not in RESOLVERS:
                raise KeyError(f"no resolver for placeholder {{{key}}} in {template!r}")


# ---------------------------------------------------------------------------------------------
# Text composition.
# ---------------------------------------------------------------------------------------------


def mangle_word(rng: Random, word: str) -> str:
    """Swap, drop or double one inner letter."""
    j = rng.randrange(1, len(word) - 1)
    op = rng.randrange(3)
    if op == 0:
        return word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    if op == 1:
        return word[:j] + word[j + 1 :]
    return word[:j] + word[j] + word[j:]


def add_typos(rng: Random, sentence: str, changes: int, lower: bool, no_period: bool) -> str:
    """Misspell up to ``changes`` plain words; optionally lowercase and drop the final period."""
    words = sentence.split(" ")
    candidates = [i for i, word in enumerate(words) if len(word) >= 4 and word.isalpha()]
    for i in rng.sample(candidates, min(changes, len(candidates))):
        words[i] = mangle_word(rng, words[i])
    out = " ".join(words)
    if lower:
        out = out.lower()
    if no_period:
        out = out.rstrip(".")
    return out


def app_link(rng: Random, spec: ThemeSpec, ctx: Ctx) -> str:
    """A deep link into the (fictional) web app for this theme."""
    workspace = ctx.org.domain.split(".")[0]
    return f"{APP_URL}/{workspace}/{fill(rng, spec.app_path, ctx)}"


def content_sentences(
    rng: Random, spec: ThemeSpec, text: ThemeText, ctx: Ctx, typos: bool
) -> list[str]:
    """The 1-6 sentences that carry the ticket's meaning (plus planted contact/PII details)."""
    indonesian = ctx.lang == "id"
    cores = text.id_cores if indonesian else text.cores
    details = text.id_details if indonesian else text.details
    fillers = FILLERS_ID if indonesian else FILLERS_EN
    sentences = [fill(rng, rng.choice(cores), ctx)]
    n_details = rng.choices((0, 1, 2, 3, 4), weights=(22, 34, 26, 13, 5))[0]
    picked = [fill(rng, d, ctx) for d in rng.sample(details, min(n_details, len(details)))]
    if picked and rng.random() < 0.18:
        sentences.insert(0, picked.pop(0))
    sentences.extend(picked)
    if rng.random() < 0.45:
        pool = fillers.get(spec.kind, ())
        if spec.kind != "praise":
            pool = fillers["all"] + pool
        if pool:
            sentences.append(rng.choice(pool))
    if typos:
        lower, no_period = rng.random() < 0.35, rng.random() < 0.3
        sentences = [
            add_typos(rng, s, rng.randint(1, 2) if i == 0 else rng.randint(0, 1), lower, no_period)
            for i, s in enumerate(sentences)
        ]
    extra: list[str] = []
    if rng.random() < CARD_THEMES.get(spec.slug, 0.0):
        cards = CARD_SENTENCES_ID if indonesian else CARD_SENTENCES_EN
        extra.append(fill(rng, rng.choice(cards), ctx))
    contact = CONTACT_SENTENCES_ID if indonesian else CONTACT_SENTENCES_EN
    phone_chance = 0.15 if indonesian else 0.015
    for key, chance in (("phone", phone_chance), ("pemail", 0.01), ("cemail", 0.01)):
        if rng.random() < chance:
            extra.append(fill(rng, rng.choice(contact[key]), ctx))
    room = max(1, 6 - len(extra))
    return sentences[:room] + extra


def layout_plain(rng: Random, sentences: list[str]) -> str:
    """Sentences as one paragraph, two paragraphs or one sentence per line."""
    r = rng.random()
    if len(sentences) <= 2 or r < 0.5:
        return " ".join(sentences)
    if r < 0.8:
        cut = rng.randint(1, len(sentences) - 1)
        return " ".join(sentences[:cut]) + "\n\n" + " ".join(sentences[cut:])
    return "\n".join(sentences)


def signature_lines(rng: Random, ctx: Ctx) -> list[str]:
    """A requester's signature block (sometimes with a phone number or email address)."""
    person, org = ctx.person, ctx.org.name
    style = rng.choices(range(8), weights=(30, 20, 16, 3, 7, 4, 7, 2))[0]
    if style == 0:
        return [person.full]
    if style == 1:
        return [person.first]
    if style == 2:
        return [person.full, f"{person.title} | {org}"]
    if style == 3:
        return [person.full, f"{person.title} | {org}", value(rng, ctx, "phone")]
    if style == 4:
        return ["-- ", person.first]
    if style == 5:
        ctx.pii.append(("email", person.email))
        return [f"{person.full} | {org} | {person.email}"]
    if style == 6:
        return [person.full, org]
    return [person.full, person.title, org, f"M: {value(rng, ctx, 'phone')}"]


def closing_lines(rng: Random, ctx: Ctx, mobile: bool) -> list[str]:
    """Sign-off, signature and 'Sent from my iPhone', each optional."""
    indonesian = ctx.lang == "id"
    lines: list[str] = []
    r = rng.random()
    if r < 0.72:
        lines.append(rng.choice(SIGNOFFS_ID if indonesian else SIGNOFFS_EN))
    if lines or r < 0.85:
        signature = signature_lines(rng, ctx)
        if signature[0] == "-- " and lines:
            lines.append("")
        lines.extend(signature)
    if rng.random() < (0.25 if mobile else 0.05):
        sent_from = rng.choice(SENT_FROM_ID if indonesian and rng.random() < 0.6 else SENT_FROM)
        lines.extend(["", sent_from] if lines else [sent_from])
    return lines


def quote_block(rng: Random, ctx: Ctx, subject: str) -> str:
    """An earlier support reply quoted below the message (Gmail or Outlook style)."""
    when = ctx.created - timedelta(
        days=rng.randint(1, 6), hours=rng.randint(0, 8), minutes=rng.randint(0, 59)
    )
    agent_first, agent_last = ctx.agent
    indonesian = ctx.lang == "id"
    line = rng.choice(AGENT_LINES_ID if indonesian and rng.random() < 0.6 else AGENT_LINES_EN)
    day, year = when.day, when.year
    weekday, month = WEEKDAYS_EN[when.weekday()], MONTHS_EN[when.month - 1]
    if rng.random() < 0.55:
        sender = f"Brightdesk Support <{SUPPORT_ADDRESS}>"
        if indonesian and rng.random() < 0.6:
            header = (
                f"Pada {WEEKDAYS_ID[when.weekday()][:3]}, {day} {MONTHS_ID[when.month - 1][:3]} "
                f"{year} pukul {when.hour:02d}.{when.minute:02d} {sender} menulis:"
            )
        elif rng.random() < 0.5:
            header = (
                f"On {weekday[:3]}, {day} {month[:3]} {year} at {when.hour:02d}:{when.minute:02d}, "
                f"{sender} wrote:"
            )
        else:
            header = (
                f"On {weekday[:3]}, {month[:3]} {day}, {year} at {clock12(when, seconds=False)} "
                f"{sender} wrote:"
            )
        body = [f"Hi {ctx.person.first},", "", line, "", "Best,", agent_first, "Brightdesk Support"]
        return header + "\n" + "\n".join(f"> {b}" if b else ">" for b in body)
    if rng.random() < 0.5:
        agent_email = f"{agent_first.lower()}.{agent_last.lower()}@brightdesk.io"
        ctx.pii.append(("email", agent_email))
        sender = f"{agent_first} {agent_last} <{agent_email}>"
    else:
        sender = f"Brightdesk Support <{SUPPORT_ADDRESS}>"
    ctx.pii.append(("email", ctx.person.email))
    lines = [
        "-----Original Message-----",
        f"From: {sender}",
        f"Sent: {weekday}, {month} {day}, {year} {clock12(when, seconds=False)}",
        f"To: {ctx.person.full} <{ctx.person.email}>",
        f"Subject: RE: [Brightdesk] {subject}",
        "",
        f"Hi {ctx.person.first},",
        "",
        line,
        "",
        "Kind regards,",
        f"{agent_first} {agent_last}",
        "Brightdesk Support",
    ]
    return "\n".join(lines)


def html_escape(text: str) -> str:
    """Escape &, < and > the way a mail client would."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_html(rng: Random, ctx: Ctx, sentences: list[str], link: str) -> str:
    """The message as an HTML body (Gmail-style divs or Outlook-style paragraphs)."""
    indonesian = ctx.lang == "id"
    items: list[str] = []
    if rng.random() < 0.75:
        greeting = fill(rng, rng.choice(GREETINGS_ID if indonesian else GREETINGS_EN), ctx)
        items.append(html_escape(greeting) + ("&nbsp;" if rng.random() < 0.3 else ""))
    cut = rng.randint(1, len(sentences)) if len(sentences) > 1 else 1
    for chunk in (sentences[:cut], sentences[cut:]):
        if chunk:
            paragraph = html_escape(" ".join(chunk))
            if rng.random() < 0.4:
                paragraph = paragraph.replace(". ", ".&nbsp; ", 1)
            items.append(paragraph)
    if link and rng.random() < 0.4:
        href = html_escape(link)
        if rng.random() < 0.5:
            label = "Ini halamannya:" if indonesian else "Here is the link:"
            items.append(f'{label} <a href="{href}">{href}</a>')
        else:
            anchor = "di sini" if indonesian else "here"
            lead = "Lihat" if indonesian else "You can see it"
            items.append(f'{lead} <a href="{href}" target="_blank">{anchor}</a>.')
    closing = closing_lines(rng, ctx, mobile=False)
    if closing:
        items.append("<br>".join(html_escape(line) for line in closing))
    joiner = "\n" if rng.random() < 0.5 else ""
    if rng.random() < 0.5:
        blocks = [f"<div>{item}</div>" for item in items]
        return '<div dir="ltr">' + f"{joiner}<div><br></div>{joiner}".join(blocks) + "</div>"
    spacer = f"{joiner}<p>&nbsp;</p>{joiner}" if rng.random() < 0.3 else joiner
    return spacer.join(f"<p>{item}</p>" for item in items)


def render_email(
    rng: Random, ctx: Ctx, sentences: list[str], subject: str, quoted: bool, mobile: bool
) -> str:
    """A plain-text email: greeting, body, sign-off, signature and maybe a quoted reply."""
    indonesian = ctx.lang == "id"
    parts: list[str] = []
    body = layout_plain(rng, sentences)
    if rng.random() < 0.72:
        greeting = fill(rng, rng.choice(GREETINGS_ID if indonesian else GREETINGS_EN), ctx)
        if rng.random() < 0.2:
            body = f"{greeting} {body}"
        else:
            parts.append(greeting)
    parts.append(body)
    closing = closing_lines(rng, ctx, mobile)
    if closing:
        parts.append("\n".join(closing))
    if quoted:
        parts.append(quote_block(rng, ctx, subject))
    return "\n\n".join(parts)


def render_chat(rng: Random, ctx: Ctx, sentences: list[str]) -> str:
    """A chat: either a Zendesk-style transcript or a terse one-liner."""
    indonesian = ctx.lang == "id"
    if rng.random() < 0.45:
        body = " ".join(sentences)
        if rng.random() < 0.35:
            body = body.lower()
        if rng.random() < 0.3:
            body = ("halo " if indonesian else rng.choice(("hi ", "hey ", "hello "))) + body
        return body
    when = ctx.created
    visitor = ctx.person.full if rng.random() < 0.8 else f"Visitor {rng.randint(1000, 99999)}"
    agent = f"{ctx.agent[0]} (Brightdesk)"
    date = f"{when.year:04d}-{when.month:02d}-{when.day:02d}"
    lines = [f"Chat started: {date} {clock12(when, seconds=False)} UTC", ""]
    if rng.random() < 0.5:
        lines.append(f"({clock12(when)}) {visitor}: {rng.choice(('hi', 'hello', 'halo'))}")
    agent_lines = AGENT_CHAT_ID if indonesian else AGENT_CHAT_EN
    for i, sentence in enumerate(sentences):
        when += timedelta(seconds=rng.randint(8, 70))
        lines.append(f"({clock12(when)}) {visitor}: {sentence}")
        if i == 0 and rng.random() < 0.6:
            when += timedelta(seconds=rng.randint(15, 90))
            lines.append(f"({clock12(when)}) {agent}: {fill(rng, rng.choice(agent_lines), ctx)}")
    return "\n".join(lines)


def render_phone(rng: Random, ctx: Ctx, sentences: list[str]) -> str:
    """An agent's note of an inbound call, usually with a call-back number."""
    person, org = ctx.person, ctx.org.name
    body = " ".join(sentences)
    phone = value(rng, ctx, "phone") if rng.random() < 0.55 else ""
    if ctx.lang == "id":
        text = f"Telepon masuk dari {person.full} ({org}).\nPelanggan menyampaikan: {body}"
        return text + (f"\nNomor yang bisa dihubungi: {phone}" if phone else "")
    style = rng.randrange(3)
    if style == 0:
        text = f"Inbound call from {person.full} ({org}).\nCaller said: {body}"
        return text + (f"\nCallback number: {phone}" if phone else "")
    if style == 1:
        text = f"Call summary: {person.full}, {org}\n\n{body}"
        return text + (f"\n\nCustomer asked for a call back on {phone}." if phone else "")
    text = f"Phone call with {person.first} from {org}. Notes:\n- " + "\n- ".join(sentences)
    return text + (f"\n- Call back: {phone}" if phone else "")


def render_web_form(rng: Random, ctx: Ctx, sentences: list[str], kind: str) -> str:
    """A structured web-form submission with the requester's details."""
    topics = FORM_TOPICS[kind] if rng.random() < 0.8 else FORM_TOPICS[rng.choice(KINDS)]
    ctx.pii.append(("email", ctx.person.email))
    return (
        f"Name: {ctx.person.full}\nEmail: {ctx.person.email}\nCompany: {ctx.org.name}\n"
        f"Topic: {rng.choice(topics)}\n\nMessage:\n{layout_plain(rng, sentences)}"
    )


def make_subject(
    rng: Random, text: ThemeText, spec: ThemeSpec, ctx: Ctx, via: str, first_sentence: str
) -> str:
    """A subject line: the theme's own phrasing, a vague one, a system one or the body's start."""
    indonesian = ctx.lang == "id"
    if via == "Chat" and rng.random() < 0.45:
        return f"Chat with {ctx.person.full}" if rng.random() < 0.85 else "Offline message"
    if via == "Phone" and rng.random() < 0.45:
        if rng.random() < 0.6:
            return f"Call from {value(rng, ctx, 'phone')}"
        return f"Inbound call from {ctx.person.full}"
    r = rng.random()
    if r < 0.12:
        if indonesian:
            return rng.choice(VAGUE_SUBJECTS_ID)
        return rng.choice(VAGUE_SUBJECTS_EN["all"] + VAGUE_SUBJECTS_EN.get(spec.kind, ()))
    if r < 0.18:
        words = first_sentence.split(" ")
        return " ".join(words[:7]) + ("..." if len(words) > 7 else "")
    subject = fill(rng, rng.choice(text.id_subjects if indonesian else text.subjects), ctx)
    r = rng.random()
    if spec.kind == "defect" and r < 0.04:
        subject = f"URGENT: {subject}"
    elif r < 0.1:
        subject = subject.lower()
    return subject


# ---------------------------------------------------------------------------------------------
# Ticket metadata.
# ---------------------------------------------------------------------------------------------

SATISFACTION: dict[str, tuple[float, float, float, float]] = {
    # Good, Bad, Offered, Unoffered (for solved/closed tickets)
    "defect": (18, 32, 35, 15),
    "friction": (28, 17, 40, 15),
    "question": (42, 5, 38, 15),
    "billing": (32, 14, 39, 15),
    "feature_request": (25, 10, 50, 15),
    "praise": (70, 1, 20, 9),
}
PRIORITY: dict[str, tuple[float, float, float, float, float]] = {
    # none, low, normal, high, urgent
    "defect": (10, 3, 32, 35, 20),
    "friction": (20, 15, 50, 12, 3),
    "question": (25, 30, 42, 3, 0),
    "billing": (15, 10, 50, 20, 5),
    "feature_request": (30, 50, 20, 0, 0),
    "praise": (45, 40, 15, 0, 0),
}
REOPENS: dict[str, tuple[float, float, float, float, float]] = {
    "defect": (50, 25, 13, 8, 4),
    "friction": (75, 16, 6, 2, 1),
    "question": (88, 9, 2, 1, 0),
    "billing": (78, 15, 5, 2, 0),
    "feature_request": (92, 6, 2, 0, 0),
    "praise": (96, 4, 0, 0, 0),
}
# (mode, spread) of the number of replies, and median minutes to full resolution.
REPLIES: dict[str, tuple[float, float]] = {
    "defect": (5, 3),
    "friction": (4, 2.5),
    "question": (2, 1.5),
    "billing": (3, 2),
    "feature_request": (1.5, 1.2),
    "praise": (1, 0.8),
}
RESOLUTION_MEDIAN: dict[str, float] = {
    "defect": 2400,
    "friction": 900,
    "question": 300,
    "billing": 1300,
    "feature_request": 700,
    "praise": 90,
}
VIA: tuple[str, ...] = ("Email", "Web form", "Chat", "Phone")
VIA_WEIGHTS: tuple[float, ...] = (44, 30, 19, 7)


def pick_status(rng: Random, created: datetime, kind: str) -> str:
    """Mostly solved/closed; recent tickets are more often new, open or pending."""
    age_days = (WINDOW_END - created).total_seconds() / 86400
    if age_days < 3:
        weights: tuple[float, ...] = (30, 35, 20, 15, 0)
    elif age_days < 10:
        weights = (5, 20, 20, 50, 5)
    elif age_days < 30:
        weights = (0, 4, 6, 60, 30)
    else:
        weights = (0, 1, 2, 17, 80)
    if kind == "defect":
        weights = (weights[0], weights[1] * 1.6, weights[2] * 1.3, weights[3], weights[4])
    return weighted(rng, ("new", "open", "pending", "solved", "closed"), weights)


def pick_tags(rng: Random, spec: ThemeSpec, via: str, plan: str, priority: str) -> str:
    """Zendesk-style tags: usually related to the theme, sometimes empty or misleading."""
    r = rng.random()
    if r < 0.17:
        return ""
    if r < 0.27:
        other = rng.choice([s for s in THEMES if s.slug != spec.slug])
        tags = set(rng.sample(other.tags, rng.randint(1, 2)))
    else:
        tags = set(rng.sample(spec.tags, rng.randint(1, min(3, len(spec.tags)))))
    extras = (
        ("zopim_chat", 0.6 if via == "Chat" else 0.0),
        ("voice", 0.6 if via == "Phone" else 0.0),
        ("web_widget", 0.3 if via == "Web form" else 0.0),
        ("enterprise", 0.35 if plan == "Enterprise" else 0.0),
        ("escalated", 0.4 if priority == "urgent" else 0.02),
        ("vip", 0.04),
        ("needs_info", 0.05),
        ("tier2", 0.04),
    )
    for tag, chance in extras:
        if rng.random() < chance:
            tags.add(tag)
    return " ".join(sorted(tags))


def pick_replies(rng: Random, kind: str, reopens: int) -> int:
    """Number of replies, 1..15, higher for defects and friction."""
    mode, spread = REPLIES[kind]
    counts = list(range(1, 16))
    weights = [1.0 / (1.0 + ((k - mode) / spread) ** 2) ** 2 for k in counts]
    return min(15, rng.choices(counts, weights=weights)[0] + reopens)


def pick_resolution(rng: Random, kind: str, reopens: int, created: datetime) -> str:
    """Minutes to full resolution (no transcendental maths, so floats stay reproducible)."""
    factor = rng.choices(
        (0.15, 0.3, 0.6, 1.0, 1.6, 2.5, 4.0, 7.0), weights=(4, 9, 16, 22, 20, 14, 9, 6)
    )[0]
    minutes = RESOLUTION_MEDIAN[kind] * factor * rng.uniform(0.75, 1.3) * (1 + 0.7 * reopens)
    limit = int((WINDOW_END - created).total_seconds() // 60)
    return str(max(3, min(int(minutes), limit)))


def sample_created(rng: Random, day_weights: Sequence[float], utc_offset: int) -> datetime:
    """A creation time: weighted day, then a local working-hours weighted hour."""
    day = rng.choices(range(WINDOW_DAYS), weights=day_weights)[0]
    hour_weights = [LOCAL_HOUR_WEIGHTS[(hour + utc_offset) % 24] for hour in range(24)]
    hour = rng.choices(range(24), weights=hour_weights)[0]
    return WINDOW_START + timedelta(
        days=day, hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60)
    )


def day_weights(profile: str) -> list[float]:
    """Relative ticket volume per day of the window for a theme's time profile."""
    first_emerging = WINDOW_DAYS - EMERGING_DAYS
    weights: list[float] = []
    for day in range(WINDOW_DAYS):
        weight = WEEKDAY_WEIGHTS[(WINDOW_START + timedelta(days=day)).weekday()]
        if profile == "emerging":
            weight *= 0.0 if day < first_emerging else 1.0 + 0.3 * (day - first_emerging)
        elif profile == "spike":
            weight *= 1.0 + 2.5 / (1.0 + ((day - 44) / 6) ** 2)
        elif profile == "fading":
            weight *= 1.0 if day < 70 else 0.35
        elif profile == "growing":
            weight *= 0.6 + 0.9 * day / WINDOW_DAYS
        weights.append(weight)
    return weights


# ---------------------------------------------------------------------------------------------
# Tickets.
# ---------------------------------------------------------------------------------------------


def make_ticket(
    rng: Random,
    spec: ThemeSpec,
    text: ThemeText,
    lang: str,
    orgs: Sequence[Org],
    weights: Sequence[float],
) -> Ticket:
    """One themed ticket with its text and metadata."""
    org = pick_org(rng, orgs, lang, spec.slug)
    person = rng.choice(org.people)
    created = sample_created(rng, weights, COUNTRIES[org.country].utc_offset)
    ctx = Ctx(org, person, rng.choice(AGENTS), created, lang, spec.slug)
    via = weighted(rng, VIA, VIA_WEIGHTS)
    typo_chance = {"Chat": 0.28, "Email": 0.12, "Web form": 0.14, "Phone": 0.0}[via]
    sentences = content_sentences(rng, spec, text, ctx, rng.random() < typo_chance)
    link = app_link(rng, spec, ctx) if spec.app_path else ""
    if link and via in ("Email", "Web form") and len(sentences) < 6 and rng.random() < 0.07:
        pool = LINK_SENTENCES_ID if lang == "id" else LINK_SENTENCES_EN
        sentences.append(rng.choice(pool).replace("{link}", link))
    subject = make_subject(rng, text, spec, ctx, via, sentences[0])
    mobile = spec.slug == "mobile_photo_upload_crash"
    if via == "Chat":
        description = render_chat(rng, ctx, sentences)
    elif via == "Phone":
        description = render_phone(rng, ctx, sentences)
    elif rng.random() < (0.12 if via == "Web form" else 0.1):
        description = render_html(rng, ctx, sentences, link)
    elif via == "Web form" and rng.random() < 0.14:
        description = render_web_form(rng, ctx, sentences, spec.kind)
    else:
        quoted = via == "Email" and rng.random() < 0.12
        description = render_email(rng, ctx, sentences, subject, quoted, mobile)
        if quoted and rng.random() < 0.7:
            subject = f"{'RE' if rng.random() < 0.3 else 'Re'}: {subject}"
        elif rng.random() < 0.02:
            subject = f"Fwd: {subject}"
    status = pick_status(rng, created, spec.kind)
    solved = status in ("solved", "closed")
    if solved:
        csat = weighted(rng, ("Good", "Bad", "Offered", "Unoffered"), SATISFACTION[spec.kind])
    else:
        csat = "Unoffered" if rng.random() < 0.9 else "Offered"
    priority = weighted(rng, ("", "low", "normal", "high", "urgent"), PRIORITY[spec.kind])
    reopens = rng.choices(range(5), weights=REOPENS[spec.kind])[0]
    ticket = Ticket(
        created=created,
        slug=spec.slug,
        kind=spec.kind,
        lang=lang,
        subject=subject,
        description=description,
        status=status,
        priority=priority,
        via=via,
        tags=pick_tags(rng, spec, via, org.plan, priority),
        csat=csat,
        requester=person.email,
        org=org.name,
        plan=org.plan,
        reopens=reopens,
        replies=pick_replies(rng, spec.kind, reopens),
        resolution=pick_resolution(rng, spec.kind, reopens, created) if solved else "",
        pii=tuple(ctx.pii),
    )
    haystack = f"{subject}\n{description}"
    for kind, planted in ticket.pii:
        if planted not in haystack:
            raise AssertionError(f"planted {kind} {planted!r} missing from ticket text")
    return ticket


def make_empty_ticket(rng: Random, orgs: Sequence[Org]) -> Ticket:
    """A ticket with neither subject nor description (e.g. an empty email)."""
    org = rng.choice(orgs)
    person = rng.choice(org.people)
    created = sample_created(rng, day_weights("uniform"), COUNTRIES[org.country].utc_offset)
    status = "closed" if created < WINDOW_END - timedelta(days=10) else "solved"
    return Ticket(
        created=created,
        slug=EMPTY_THEME,
        kind=EMPTY_KIND,
        lang="en",
        subject="",
        description="",
        status=status,
        priority="",
        via=rng.choice(("Email", "Web form")),
        tags="" if rng.random() < 0.7 else "spam_check",
        csat="Unoffered",
        requester=person.email,
        org=org.name,
        plan=org.plan,
        reopens=0,
        replies=1,
        resolution=str(rng.randint(2, 600)),
    )


@dataclass(frozen=True)
class Dataset:
    """The generated export rows, truth rows and planted PII values."""

    export_rows: list[list[str]]
    truth_rows: list[list[str]]
    pii_values: list[str]
    tickets: list[Ticket]


def generate(seed: int = SEED) -> Dataset:
    """Build the whole dataset from ``seed``."""
    rng = Random(seed)
    texts = {spec.slug: parse_theme_text(THEME_TEXT[spec.slug]) for spec in THEMES}
    check_placeholders(texts)
    orgs = build_orgs(rng)
    tickets: list[Ticket] = []
    for spec in THEMES:
        weights = day_weights(spec.profile)
        langs = ["id"] * spec.n_indonesian + ["en"] * (spec.size - spec.n_indonesian)
        rng.shuffle(langs)
        for lang in langs:
            tickets.append(make_ticket(rng, spec, texts[spec.slug], lang, orgs, weights))
    for _ in range(N_EMPTY):
        tickets.append(make_empty_ticket(rng, orgs))
    tickets.sort(key=lambda ticket: ticket.created)
    next_id = FIRST_ID
    for ticket in tickets:
        ticket.ticket_id = next_id
        next_id += 1 + rng.choices((0, 1, 2, 3), weights=(80, 12, 5, 3))[0]

    rows = [ticket.row() for ticket in tickets]
    candidates = [i for i, ticket in enumerate(tickets) if ticket.slug != EMPTY_THEME]
    insertions: list[tuple[int, int]] = []
    for source in sorted(rng.sample(candidates, N_DUPLICATES)):
        target = rng.randrange(len(rows) + 1)
        while abs(target - source) <= 5:
            target = rng.randrange(len(rows) + 1)
        insertions.append((target, source))
    export_rows = list(rows)
    for target, source in sorted(insertions, reverse=True):
        export_rows.insert(target, list(rows[source]))

    truth_rows = [
        [str(ticket.ticket_id), ticket.slug, ticket.kind, ticket.lang] for ticket in tickets
    ]
    pii_values = sorted({planted for ticket in tickets for _, planted in ticket.pii})
    check_no_leaks(export_rows)
    return Dataset(export_rows, truth_rows, pii_values, tickets)


def check_no_leaks(rows: Sequence[Sequence[str]]) -> None:
    """The planted theme slugs must not appear anywhere in the export."""
    blob = "\n".join("\t".join(row) for row in rows)
    for spec in THEMES:
        if spec.slug in blob:
            raise AssertionError(f"theme slug {spec.slug!r} leaked into the export")


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Write a UTF-8 CSV with bare newline line endings (no carriage returns)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_dataset(dataset: Dataset, out_dir: Path) -> None:
    """Write the export, the truth file and the planted PII values into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(out_dir / EXPORT_FILE, HEADERS, dataset.export_rows)
    write_csv(out_dir / TRUTH_FILE, TRUTH_HEADERS, dataset.truth_rows)
    with (out_dir / PII_FILE).open("w", encoding="utf-8", newline="") as handle:
        handle.write("".join(f"{planted}\n" for planted in dataset.pii_values))


def summary(dataset: Dataset) -> str:
    """A short human-readable account of what was generated."""
    tickets = dataset.tickets
    lines = [f"{'theme':36} {'kind':16} {'size':>5} {'id':>4}"]
    for spec in THEMES:
        mine = [t for t in tickets if t.slug == spec.slug]
        n_id = sum(t.lang == "id" for t in mine)
        lines.append(f"{spec.slug:36} {spec.kind:16} {len(mine):5d} {n_id:4d}")
    pii_kinds: dict[str, set[str]] = {}
    pii_tickets: dict[str, int] = {}
    for ticket in tickets:
        for kind in sorted({kind for kind, _ in ticket.pii}):
            pii_tickets[kind] = pii_tickets.get(kind, 0) + 1
        for kind, planted in ticket.pii:
            pii_kinds.setdefault(kind, set()).add(planted)
    lines.append(
        f"rows {len(dataset.export_rows)}, distinct tickets {len(tickets)}, "
        f"empty {sum(t.slug == EMPTY_THEME for t in tickets)}, "
        f"duplicates {len(dataset.export_rows) - len(tickets)}, "
        f"indonesian {sum(t.lang == 'id' for t in tickets)}"
    )
    lines.append(
        f"tickets with PII: {sum(bool(t.pii) for t in tickets)}; "
        + ", ".join(
            f"{kind}: {len(pii_kinds[kind])} values in {pii_tickets[kind]} tickets"
            for kind in sorted(pii_kinds)
        )
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="where to write the files (default: the sample_data folder)",
    )
    args = parser.parse_args(argv)
    dataset = generate()
    write_dataset(dataset, args.out_dir)
    print(summary(dataset))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

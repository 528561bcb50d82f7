"""Generate a deterministic, fictional helpdesk export for the voc sample data.

The export imitates a Zendesk CSV export of 120 days of tickets sent to "Brightdesk", an invented
B2B project/CRM tool. About twenty themes are planted in the text (see ``THEMES``); their labels go
to a separate truth file that the pipeline must never read. Everything is derived from one seeded
``random.Random``, so two runs write byte-identical files.

Usage::

    python sample_data/generate.py [--out-dir DIR] [--scale FACTOR]

Writes ``sample_tickets.csv``, ``sample_tickets_truth.csv`` and ``sample_pii_values.txt`` (every
email address, phone number and card number planted in ticket text, one per line).
"""

from __future__ import annotations

import argparse
import csv
import re
import unicodedata
from collections import Counter
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
# "[a|b|c]" picks one option per ticket (groups nest; "[a|]" makes "a" optional) and "<word>"
# stands for a group defined in the block's "# vocab"/"# id_vocab" section or in COMMON_VOCAB.
# A ticket states its problem with one "cores" line, plus (unless the line starts with "! ")
# maybe an "openers", a "specifics" and an "impacts" line, each drawn on its own; see
# core_statement(). "details" are optional context sentences; "id_" sections are Indonesian.
THEME_TEXT: dict[str, str] = {
    "login_2fa_loop": """
# vocab
tfa = [two-factor authentication|2FA|two-step verification|two-factor|MFA|2-step verification]
code = [the 6-digit code|the six-digit code|the verification code|the authenticator code|the code
    from my authenticator app|the security code|the one-time code]
loopback = [sends me [straight |right |]back to the login page|bounces me back to the sign-in
    screen|returns me to the login form|drops me back on the email and password screen|takes me back
    to the sign-in page|reloads the login page]
enabled = [enabled|turned on|switched on|set up|activated]
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
[Since|Ever since] I <enabled> <tfa> I [can't|cannot|am unable to] log in: I [enter|type in|put in]
    my password, then <code>, and it [just |simply |]<loopback>.
After [entering|typing in|submitting] <code> the page [reloads|refreshes|flashes] and [asks
    for|wants] my [email and password|login details|credentials] again, [over and over|again and
    again|every single time|in an endless loop].
I <enabled> <tfa> [yesterday|on {weekday}|this week|a few days ago] [because our security policy
    requires it|as our IT policy requires|to be on the safe side|after a security training] and now
    I'm [stuck|trapped|going round] in a loop between the [login screen|sign-in page] and the code
    [screen|prompt|step].
The code is accepted ([no error message|no error is shown|there's no error at all]) but instead of
    [the dashboard|my account|the app] I [land on|end up on|get sent to] the [sign-in|login] page
    again.
! Login loop. Password [ok|fine|accepted], [2FA|2fa|MFA] code [ok|fine|accepted too], then [back to
    start|straight back to the start|back to square one|the login page again]. [Every time|Every
    single time|Each time|Always].
! Hello, i [activate|activated|put] the [two factor|double authentication|2 factor] and now is
    [impossible|not possible] to [enter in|go in|access] my account, it [go back|return|come back]
    always to the [login|page of login|start].
[Several|A few|Four|Half a dozen] people on my team <enabled> <tfa> [this week|recently|over the
    last few days] and none of them can get into {product} [anymore|now]; they're
    [bounced|sent|thrown] back to the [login form|sign-in page] right after [the code|entering the
    code|the verification step].
! Steps: 1) [go to|open] the login page 2) [enter|type] email + password 3) [enter|type] the code
    from [Google Authenticator|Microsoft Authenticator|Authy|my authenticator app] 4) the page
    [flashes|reloads|blinks] and I'm back at step [2|1].
[I am|I'm] [completely|totally|fully|now] locked out[ of my account| of {product}|]. <code>
    [works|is right|gets accepted], I can see it [being accepted|go through], but then the session
    [seems to be|is apparently|looks like it's] [thrown away|lost|dropped] and I have to log in
    again.
[Ever since|Since] I set up <tfa> on my account the login just [loops|goes in circles|keeps
    looping]. I've tried [about ten times|at least five times|a dozen times|more times than I can
    count] [now|today|already].
! Your [two-factor|2FA|two-step] login is [broken|not working|completely broken|busted]. I type the
    code, it [spins|loads|thinks] for a second and [returns me to|dumps me back on|throws me back
    to] the sign[ in|-in] page. [This is costing us|We've lost|I've wasted|This has eaten] [a full
    morning|hours|half a day|the whole afternoon][ already| on this| so far|].
We made <tfa> [mandatory|compulsory|required] for the whole workspace on {weekday} and since then
    about {n} [users|people|colleagues] [report|have told me|are complaining] that they
    [cannot|can't] finish logging in.
The SMS code [arrives|comes through|shows up] and I [type it in|enter it], but the app keeps
    [redirecting|sending] me to /login like I never signed in.
It looks like the login with <tfa> never [completes|finishes]: I get a redirect to the login page
    with "?next=/dashboard" in the URL and it [starts again|starts all over|begins again].
I can log in fine on my [phone|mobile|iPad] but on my [laptop|desktop|work computer], after <code>,
    I'm [sent back to|returned to|redirected to] the login page [endlessly|again and again|every
    time].
! when i [put|enter|type] the [2fa|verification|authenticator] code it just [goes back
    to|reloads|returns to] [the |]login page. [cant get in at all|cant access anything|no way to get
    in]
[Turned|I turned] on <tfa> to be safe and now I [literally |]can't use the product. [Enter code,
    login page, enter code, login page|Code, login page, code, login page|Password, code, login
    page, repeat|Code, redirect, login, code, redirect][, forever|, all day|, endlessly|].
Our admin [enforced|switched on|made us use] <tfa> and now my login is stuck in a redirect loop; the
    backup codes [do the same thing|loop as well|don't help either].
[Is there a known issue|Is something wrong|Are you aware of a problem] with <tfa>? I keep getting
    [logged out|kicked out|signed out] [immediately|right away|straight away] after the verification
    step.
I think the <tfa> session cookie is not being [saved|stored|kept]: the network tab shows the verify
    call returns 200 and then a redirect to /login.
The [security code|verification|2FA] screen accepts my code and then [kicks|sends|throws] me back to
    the [email/password form|login form|sign-in page]. I've been [going round in circles|stuck in
    this loop|trying to get in|at this] for [20 minutes|half an hour|most of the morning|an
    hour|ages][ now| already|].
I can't [access|get into|open] my account after [enabling|turning on|setting up] <tfa>. It
    [won't|doesn't] let me [past|get past|beyond] the [sign-in|login] [page|screen] even with the
    [right|correct|valid] code[ from the app| from my phone|].
Since I switched on <tfa> I can't log in at all, it [just brings me back to the start|keeps sending
    me back to the beginning|starts over every time].
<tfa> [locks me out|has locked me out|keeps me out]: code accepted, then [back at the login
    screen|straight back to the sign-in page|the login form again].
After turning on <tfa> the login never [finishes|completes|gets past the code step]; I <loopback>.
[Enabling|Switching on|Setting up] <tfa> broke my login, I keep [landing on|ending up on|coming back
    to] the [sign-in form|login page|login screen].
I enter my <tfa> code and the site asks me to log in again, [forever|over and over|in a loop].
Our users with <tfa> can't sign in; the code screen keeps [resetting them|sending them back|kicking
    them out] [to the login page|to the start|to the email step].
# openers
[I'm writing|I'm contacting you|Reaching out] because [I|one of our users|my colleague {teammate}]
    can't [get past|finish] the [login|sign-in] since <tfa> was [turned on|enabled|set up].
[We|Our company] [recently|just|finally] rolled out <tfa> [for everyone|across the workspace|for all
    admins], and [it has not gone well|it's been a mess|the login is now broken].
[Quick one about|I need urgent help with|Problem with] logging in [with|after] <tfa>[, please read|,
    sorry for the long message|].
[I followed|We followed] your [help article|setup guide|instructions] for <tfa> [step by
    step|exactly|to the letter], [scanned the QR code|added the account to the app|confirmed the
    setup], and [that's when it started|since then I'm locked out|now login is broken].
[This morning|Today|Earlier this week] I [tried to|wanted to] [log in|sign in] [as usual|like every
    day|from the office] and [got stuck|hit a wall|ran into a problem] at the <tfa> step.
# specifics
It happens [every time|on every attempt|each and every time], [whether I use|no matter if I
    use|with] [the app code|a backup code|an SMS code] or [a backup code|the app code|an SMS code].
I've [tried|attempted] [about|roughly|around|at least] [ten|fifteen|twenty] [times|logins]
    [today|this morning|now] and [the result is always the same|it always ends on the login page|it
    never lets me in].
It's [been going on|been like this|been happening] <since>[ and it hasn't cleared up by itself| and
    nothing has changed|].
[The loop|The redirect] happens [right after|immediately after|a second after] <code> is accepted,
    [before the dashboard even starts loading|without any error|with no message at all].
[Only|It's only] [the people|the accounts|the users] who <enabled> <tfa> [are affected|have this
    problem|are stuck]; [everyone else|the others|accounts without it] can log in
    [normally|fine|without problems].
# impacts
[Right now|At the moment|Currently] [I can't work|we can't do anything|half the team is completely
    blocked|nobody here can work] because [everything|all our data|our pipeline] is in {product}.
[We have|I have] [a client meeting|a deadline|a demo] [today|this afternoon|tomorrow morning] and
    [need|really need] access [before then|urgently|as soon as possible].
[Nobody|None of us] can [turn <tfa> off again|change the security settings|get into the admin
    settings] because [we're all locked out|the owner is locked out too|that needs a login as well].
[This is|It's] [costing us|wasting] [hours|a lot of time|half a day] [of work|every day|already] and
    [people are getting frustrated|the team is annoyed|my boss is asking questions].
[We might have to|We're about to|We'll have to] [disable <tfa> for everyone|go back to passwords
    only|drop the security policy], which [our auditors won't like|isn't really acceptable for
    us|defeats the point].
# details
[I'm using|I use|This is on] {browser} on {os}.
I [already|have already] cleared [cookies and cache|the cache and cookies] and [tried|also tried]
    [an incognito window|a private window|private browsing], [same result|no luck|still the same].
[Same thing happens|It's the same|No difference|Same result] in {browser} and [in |]{browser2}[, by
    the way| too|].
The [time|clock] on my phone is set [automatically|to automatic], so the code itself [should be|must
    be] correct.
I also tried [one of the backup codes|a backup code|the recovery codes] and it [loops the same
    way|does the same|also sends me back].
[Disabling|Turning off] 2FA is not an option [for us |]because of our [security policy|compliance
    rules|ISO certification].
This [affects|is affecting|is hitting] {n} [people|users|colleagues] [on our team|in our company|in
    the workspace].
It started [right after|just after|the moment] I [scanned the QR code|scanned the code] and
    confirmed the setup.
Users who sign in with [Google SSO|Google|single sign-on] are fine, only the ones with 2FA are
    [affected|stuck|having this problem].
I have a [client demo|meeting|presentation|call with a customer] at {time} [today|this
    afternoon|tomorrow] and [I need|need|really need] access [before then|by then|before that].
I can't even [get in|log in|sign in] to [turn 2FA off again|switch off 2FA|disable the second
    factor|reset my security settings][, obviously|, which is ironic|].
Our [account owner|workspace owner|admin] is [also locked out|locked out as well|stuck too|in the
    same loop], so nobody can [change|touch|fix] the [settings|2FA settings|security settings].
# id_vocab
tfa_id = [autentikasi dua faktor|2FA|verifikasi dua langkah|two factor|kode OTP]
back_id = [dikembalikan ke halaman login|balik lagi ke halaman masuk|kembali ke form login|diarahkan
    lagi ke halaman login]
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
Setelah saya [mengaktifkan|menyalakan|memasang] <tfa_id>, saya tidak bisa login lagi. Setelah
    memasukkan kode, saya [selalu |langsung |]<back_id>.
Kode dari aplikasi [authenticator|Google Authenticator|autentikator] sudah benar, tapi halaman
    [langsung|tiba-tiba|terus] kembali ke form login [lagi dan lagi|berulang kali|terus-menerus].
Sejak <tfa_id> diaktifkan, login saya terus [berputar-putar|muter-muter|mengulang] dan tidak pernah
    [masuk ke dashboard|sampai ke halaman utama|berhasil].
Saya sudah memasukkan password dan kode [6 digit|enam digit|OTP], tapi [selalu|tetap saja|terus]
    balik lagi ke halaman masuk.
Tim kami [mewajibkan|mengharuskan] <tfa_id> [minggu ini|sejak kemarin|beberapa hari lalu] dan
    sekarang [beberapa|banyak|sebagian] anggota tim tidak bisa masuk ke {product} sama sekali.
! [sy|saya] [sdh|sudah] aktifkan 2fa tp [skrg|sekarang] [gak|ga|tidak] bisa login, balik terus ke
    halaman login
Setiap kali saya memasukkan kode [OTP|verifikasi|2FA], [halamannya|layarnya] refresh dan
    [meminta|minta] email dan password lagi.
Akun saya terkunci setelah mengaktifkan <tfa_id>. Kodenya diterima tapi sesi login [tidak
    tersimpan|hilang|tidak tersimpan sama sekali].
Mohon dibantu, setelah [setting|mengatur|memasang] <tfa_id> saya [terjebak|tertahan|stuck] di
    halaman login terus.
Login berhasil di [HP|ponsel], tapi di [laptop|komputer kantor] setelah kode verifikasi saya
    [dilempar lagi|dikembalikan|diarahkan lagi] ke halaman login.
Apakah ada gangguan pada fitur <tfa_id>? Saya tidak bisa masuk <since_id>.
# id_openers
[Saya mau melaporkan|Mau lapor|Saya ingin menyampaikan] masalah login setelah <tfa_id>
    [diaktifkan|dipasang].
[Kantor kami|Perusahaan kami] baru saja [menerapkan|mewajibkan] <tfa_id> untuk [semua akun|semua
    karyawan|semua admin].
# id_specifics
Sudah saya coba [sekitar|kurang lebih|lebih dari] [sepuluh|lima belas|dua puluh] kali dan hasilnya
    [selalu sama|tetap sama|tidak berubah].
Masalah ini [terjadi|muncul] <since_id>[ dan belum hilang juga|].
# id_impacts
Kami [tidak bisa bekerja|tidak bisa mengakses data pelanggan|terhambat total] karena semua data ada
    di {product}.
[Ini sangat mendesak|Mohon segera|Tolong cepat] karena [ada meeting dengan klien|ada tenggat|ada
    presentasi] [hari ini|besok pagi].
# id_details
Saya [memakai|pakai] {browser} di {os}.
Cache dan cookies sudah saya hapus, juga sudah coba [mode incognito|jendela privat].
Ada [sekitar|kira-kira] {n} orang di tim kami yang mengalami hal yang sama.
Jam di [HP|ponsel] saya sudah otomatis, jadi seharusnya kodenya benar.
[Ini sangat mendesak|Ini mendesak sekali] karena kami tidak bisa bekerja.
Saya bahkan tidak bisa masuk untuk mematikan [2FA-nya|verifikasi dua langkahnya] lagi.
""",
    "csv_export_missing_rows": """
# vocab
export = [the CSV export|the export|the CSV download|exporting to CSV|the data export]
file = [the file|the CSV|the exported file|the download|the spreadsheet]
missing = [missing|not there|left out|dropped|absent]
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
When I export [my|our|all our] [contacts|deals|companies|tasks] to CSV, <file> has only {rows_got}
    rows but the list in the app shows {rows_expected}.
<export> is [dropping|losing|skipping] rows. I filtered the view to [last month|last quarter|this
    year|Q2], it says {rows_expected} records, and [the downloaded file|what I get|<file>] has
    {rows_got}.
Some records are [simply|just|somehow] not in <file>. I compared [by ID|the IDs|record by
    record|with a VLOOKUP] and [there are gaps all over|rows are missing everywhere|the gaps are all
    over the place], not [just|only] at the [end|bottom|end of the file].
Our [finance|accounting|sales ops] team relies on the [monthly|weekly|month-end] export and this
    [month|time|week] the totals in the CSV don't match the [dashboard|app|report] because
    [entries|rows|records] are <missing>.
<export> [looks like it stops|seems to stop|always cuts off|is capped] at exactly 1,000 [lines|rows]
    no matter how many records I [select|have in the view|export].
! [hi, |hello |]export [csv|to csv] [doesnt|does not|dont] give all the [lines|rows|records],
    [missing a lot of them|a lot are missing|many are gone]
I exported [all deals|all contacts|every open deal|the full pipeline] for [Q2|last quarter|this
    year|{month}] and several [deals|records|entries] I know exist (I can open them in the app) are
    not in <file>.
The download [finishes|completes|goes through] without any error, but when I open it in
    [Excel|Numbers|LibreOffice] a [chunk|big part|good portion] of the data is [gone|missing|not
    there].
It seems that rows with a [comma|line break|quote|semicolon] [or a line break |or quotes |]in the
    [notes|description|comments] field get [lost|dropped|skipped] when exporting.
Exporting [tasks|activities|tickets|contacts] gives [an incomplete|a partial|a short]
    [file|CSV|export]: {rows_got} [out of|of|instead of] {rows_expected}. We need the
    [full|complete] [dataset|list|export] for [an audit|our year-end|a board report|a customer
    migration].
[Every time|Each time|Whenever] I export the [same|exact same|identical] view I get a different
    number of rows in <file>[, which makes no sense| and none of them is complete|].
We noticed that <file> is missing [all|every one of the] records created after the {day_ord};
    they're in the app but not in the [CSV|export|download].
! Your [export feature|export function|CSV export|data export] is [unreliable|broken|not
    trustworthy|a joke][ at the moment|, sorry to say|]. I've [now |just |]lost [an afternoon|a
    whole morning|hours] [reconciling|cross-checking|comparing] a spreadsheet that
    [silently|quietly] skipped records.
! The export [function|option] [don't|doesn't|not] export everything, some of the
    [customers|clients|contacts] are [missing|not] in the file.
I pulled a CSV of [all open tickets|our active customers|all deals in the pipeline|last month's
    activities] for my [manager|boss|director] and it was short by about {pct}%.
Exporting with [custom columns|extra columns|our custom fields] turned on [drops|loses|skips] rows;
    with the default columns [it's fine|everything is there|the count matches].
My [team lead|manager|colleague {teammate}] noticed <export> is missing entries. We checked and
    [around|roughly|about] {missing} rows never make it into <file>.
Is there a [limit|cap|maximum|hidden limit] on [the export size|how many rows you can export|the
    size of an export|export length][ on our plan|]? [Because|I ask because] the CSV I get back is
    [clearly|obviously|definitely] incomplete.
Records [tagged with more than one label|with more than one owner|linked to two companies] are not
    included in <export> at all.
The scheduled export that [lands in|goes to|is written to] our [S3 bucket|SFTP folder|Google Drive]
    every night has been [missing rows|incomplete|short] <since>.
I export the pipeline every [Monday|Friday|morning] and this [week|time] <file> is shorter than
    [last week|the previous one|before] even though we [added|created|only added] records.
<export> is [incomplete|not complete|missing data]; a [lot|good chunk|large share] of our records
    are not in <file>.
Our [exported spreadsheet|CSV|export file] has fewer lines than the list in the app[, by a lot|
    every time|].
# openers
[I'm writing about|Reporting a problem with|I need help with] <export> [from the contacts list|from
    our reports|of our deals|from the list view].
[We use|Our team uses|I rely on] <export> [every week|every month|daily] [to feed our BI tool|for
    reporting|for our accountants|to share numbers with management].
[Something is wrong|There's a problem|I think there's a bug] with [how {product} exports data|the
    export|CSV downloads][, as far as I can tell| on our account|].
[Before our|Ahead of the|For our] [month-end close|quarterly review|board meeting|audit] I
    [exported|downloaded|pulled] [our records|the data|everything] and [noticed something off|the
    numbers don't add up|it doesn't match].
# specifics
[About|Roughly|Around|Close to] {pct}% of the [rows|records|lines] are <missing>, [and not always
    the same ones|different ones each time|scattered all over the file].
[I've tried|I tried|We tried] [three|four|five|several] [times|exports] [today|this week|so far] and
    [never got|didn't once get|always got less than] the full [list|count|set].
It's [been like this|been happening] <since>[, before that the exports were complete|; it was fine
    before|].
The [app|list view|report] [says|shows|counts] {rows_expected} [records|rows|entries], <file>
    [has|contains|gives me] {rows_got}.
[Small|Short] exports [under|below] a few hundred rows [look complete|are fine|seem okay]; it's the
    [big|larger|bigger] ones that [lose rows|come back short|are incomplete].
# impacts
[We can't|I can't] [close the month|send the report|finish the reconciliation|sign off the numbers]
    until [the export is complete|we get all rows|this is fixed].
[Our|The] [accountant|auditor|finance director|board] [is waiting for|needs|expects] [the full
    data|a complete file|correct figures] [by Friday|this week|by the end of the month].
[Right now|At the moment|For now] we [copy the missing rows by hand|export in small batches|rebuild
    the list manually], which [takes hours|is error-prone|is not sustainable].
[We've already|We have] [sent|shared|used] [wrong numbers|incomplete figures|a short report] [with a
    client|with management|in a meeting] because of this[, which was embarrassing|, not great|].
# details
The view has no filters [other than|except|apart from] [the date range|a date range|the created
    date][, nothing fancy|].
I tried both the "Export visible columns" and "Export all columns" [options|buttons][, same outcome|
    with the same result|].
I tried exporting in {browser} and also in {browser2}, [same result|same thing|no difference][ both
    times|].
The [file|export|CSV] is [around|about|roughly] {mb} MB[ when it's done| in size|].
I can send you [both files|the two files|the export and a screenshot] [so you can compare|for
    comparison|if you want to compare].
We are on the {plan} plan, so I [assumed|thought|expected] there [was|would be] no [limit|cap|row
    limit].
This is [blocking|holding up|delaying] our [month-end reporting|quarter close|monthly
    report|reconciliation].
Opening the file in [Google Sheets|Numbers|a text editor] instead of Excel shows the same [missing
    rows|gaps|short count].
The missing records are not [archived or deleted|archived|deleted or merged], I can [open each of
    them|open them one by one|see them in the app].
It worked fine until [a couple of weeks ago|recently|last month|the last update][, as far as I
    know|].
""",
    "mobile_photo_upload_crash": """
# vocab
crash = [crashes|closes|shuts down|quits|force closes|dies]
photo = [a photo|a picture|an image|a pic]
upload = [upload|attach|add]
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
[Every time|Each time|Whenever] I try to <upload> <photo> in the mobile app, the app <crash>
    [immediately|straight away|instantly|right away].
The [iPhone|iOS] app <crash> as soon as I pick [a picture|a photo|an image] from my [camera
    roll|photo library|gallery] to attach to [a record|a job|a contact|a task].
On Android, when I tap "Add attachment" and select <photo>, the app freezes for [a second|a moment|a
    couple of seconds] and then [quits|closes|crashes|disappears].
Our field [technicians|engineers|crews|inspectors] take photos on site and upload them to the job;
    since the last update the app <crash> on [every upload|every single upload|each upload].
! [app|the app] [crashes|closes|dies] when i [add|upload|attach] a [photo|picture|pic]. [tried|i
    tried|already tried] [5|five|6|10] times
If I take <photo> [directly |straight |]with the camera from inside the app it <crash>; [text
    notes|comments without pictures|everything else] [work|works] fine.
! Hello, the application in my [phone|telephone|mobile] [close|closes|is closing] alone when I
    [put|add|insert] [an image|a photo|a picture] in the [comment|task|job].
Uploading [larger|bigger|full-size] [pictures|photos] (straight from the camera, around {mb} MB)
    makes the app crash; [small screenshots|smaller images|compressed pictures] go through.
The mobile app has become [unusable|useless|impossible to use] for us: [attach photo, spinner, then
    back to the home screen|pick a picture, wait, crash|add image, frozen, closed].
I get a [white|blank|black] screen and the app [restarts|reopens|closes] whenever I try to <upload>
    <photo> to a [task|job|record].
The photo upload <crash> the app on my {device}, but it works on my
    [colleague's|coworker's|manager's] [older|other|old] phone.
Our [sales reps|field agents|account managers] can't add [pictures|photos|scans] of [business
    cards|receipts|signed forms] anymore, the app [shuts down|closes|crashes] every time.
Trying to attach [several|multiple|a few] photos at once <crash> the app
    [instantly|immediately|right away], and even a single photo [crashes it|kills it] [half of the
    time|most of the time|every other time].
Since updating to {app_version} the app <crash> whenever I <upload> <photo>.
! Your app [crashes|keeps crashing|is crashing]. Photo upload. [Please fix|Fix it please|Please sort
    it out], we [paid for|pay for] the mobile [licences|licenses|seats].
I select the picture, the upload bar [reaches|gets to|goes up to] about [80%|70%|90%|halfway] and
    then the whole app [closes|shuts|crashes] without an error.
My team [reports|tells me|says] that {product} on mobile <crash> when [uploading|attaching|adding]
    images from the gallery; it's happening to {n} of us.
Adding <photo> to a comment makes the app crash and the [comment|text|note] I was typing is
    [lost|gone|wiped] as well.
[Could you please|Can you please|Please could you] [look into|check|have a look at] the mobile app?
    It <crash> [every time|whenever|each time] I try to [send|upload|attach] a picture.
When I share <photo> from the [Photos app|gallery|Files app] into {product} [using|via|through] the
    share sheet, {product} opens and <crash> [straight away|right away|immediately].
[Is anyone else seeing|Are other customers seeing|Is it just us, or do you also see|Do you know
    about] the [app|mobile app|iOS app|Android app] [crash|crashing|closing] on [image upload|photo
    upload|picture uploads]? It happens [on both|with both|on] [wifi|Wi-Fi|office wifi] and
    [4G|5G|mobile data][, by the way| too|].
The app [closes itself|shuts itself down|just vanishes] whenever I try to attach [a picture|a
    photo|an image] to [a record|a job|a task].
As soon as I pick <photo> from the [gallery|camera roll|photo library] the app [shuts
    down|crashes|closes].
# openers
[I'm writing about|This is about|Reporting a bug in] the {product} [mobile app|app on my phone|phone
    app] and [photo uploads|attaching pictures|adding images].
[Our|My] [field team|site crew|technicians|inspectors] [use|rely on] the mobile app to [document
    jobs|add photos to work orders|send site pictures] and [it's broken|that has stopped
    working|it's crashing].
[Since|After] the [latest|last|most recent] app update [we've had|there's] a [big|serious|nasty]
    problem with [photos|pictures|image uploads].
# specifics
It [crashes|happens] [every time|nine times out of ten|on every attempt|almost every time], [on wifi
    and on mobile data|with small and large pictures|in every record I try].
[It's been|This has been] happening <since>[ and we haven't found a workaround| on all our phones|].
[It crashes|The app dies] [about|roughly|after] [two|three|a few] seconds after [I tap Upload|I pick
    the picture|the photo is selected], [no error message|without any message|no warning].
[Only|It's only] [photos|pictures|images] [that trigger it|cause it|make it crash];
    [PDFs|documents|voice notes] [upload fine|go through|work normally].
# impacts
[Without photos|Without pictures] [our reports|the job reports|our inspections] [are
    incomplete|can't be signed off|are useless] and [customers complain|we can't invoice|we have to
    go back on site].
[The team|Our technicians|My guys] now [email the photos|send pictures over WhatsApp|upload from a
    laptop at the end of the day], which [is a mess|wastes time|nobody wants].
[We're losing|It's costing us] [hours|a lot of time|real money] [every day|each week] [because of
    this|with this bug].
# details
Phone: {device}, {mobile_os}.
[App version|Version|I'm on version] {app_version}[, from the App Store|, from Google Play|, the
    latest one available|].
I already [deleted and reinstalled|uninstalled and reinstalled|removed and reinstalled] the app[,
    twice| and logged in again|].
[Restarting|Rebooting|Turning off and on] the phone did not help[, neither did clearing the app
    cache|, nor did logging out and in|].
The photos are [normal|ordinary|regular] [JPEG/HEIC|JPG|HEIC] [pictures|photos] [from the phone
    camera|taken with the built-in camera].
The app has permission to access [photos and the camera|the camera and the photo library|the gallery
    and camera][, I double-checked|].
On the [web version|desktop site|website] the same upload works [without problems|fine|perfectly].
We have {n} [technicians|people|engineers] in the field who [depend|rely] on this[ every day|].
I can send a [screen recording|video|screen capture] if that [helps|would help|is useful].
It started [after|with|right after] the [latest|last|most recent] app update[, I think|].
# id_vocab
crash_id = [langsung tertutup sendiri|langsung keluar|force close|crash|mati sendiri]
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
Setiap kali saya [upload|mengunggah|melampirkan] foto di aplikasi mobile, aplikasinya <crash_id>.
Aplikasi di HP [Android|Samsung|Xiaomi] saya <crash_id> ketika saya memilih foto dari galeri.
Tim lapangan kami tidak bisa melampirkan foto ke [pekerjaan|laporan|tugas] karena aplikasinya
    [selalu keluar|selalu crash|terus tertutup].
Waktu ambil foto langsung dari kamera di dalam aplikasi, aplikasinya <crash_id>.
! aplikasi keluar sendiri kalau mau [upload|kirim|lampirkan] gambar, sudah coba
    [berkali2|berkali-kali|beberapa kali]
Setelah update terakhir, fitur upload foto membuat aplikasi [crash|tertutup|keluar sendiri].
Progress upload sampai sekitar [80%|70%|90%] lalu aplikasinya [tertutup|keluar] tanpa [pesan
    error|peringatan apa pun].
Kalau upload lewat web tidak masalah, tapi di aplikasi [iPhone|Android|HP] selalu crash.
Saya tidak bisa menambahkan gambar ke komentar, aplikasinya langsung mati dan komentar saya
    [hilang|ikut hilang].
Mohon dicek, aplikasi {product} di HP kami <crash_id> setiap kali mengirim foto.
Foto dari kamera [HP|ponsel] ukurannya sekitar {mb} MB dan [selalu|pasti] bikin aplikasi
    [crash|keluar sendiri].
Aplikasi versi {app_version} <crash_id> ketika saya lampirkan foto.
# id_openers
[Saya mau melaporkan|Mau lapor] masalah di aplikasi {product} [versi HP|mobile] waktu [upload
    foto|melampirkan gambar].
# id_specifics
Ini terjadi <since_id>, [di wifi maupun data seluler|untuk foto besar maupun kecil|di semua HP tim
    kami].
# id_impacts
Tanpa foto, laporan pekerjaan [tidak lengkap|tidak bisa diselesaikan] dan [pelanggan komplain|kami
    tidak bisa menagih].
# id_details
HP saya {device} dengan {mobile_os}.
Aplikasi sudah saya [hapus dan install ulang|uninstall lalu install lagi], [tetap sama|hasilnya
    sama].
Izin akses kamera dan galeri sudah saya [berikan|aktifkan].
Ada {n} [teknisi|petugas] di lapangan yang bergantung pada fitur ini.
Saya bisa kirim [rekaman layar|video] kalau diperlukan.
""",
    "webhook_duplicate_delivery": """
# vocab
twice = [twice|two times|in duplicate|double]
event = [event|webhook|delivery|notification]
endpoint = [our endpoint|our server|our receiver|our webhook consumer|our handler]
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
We're [receiving|getting|seeing] every [webhook event|event|webhook|delivery] <twice>: same payload,
    same event ID, [a few seconds|a couple of seconds|a second or two|a few hundred milliseconds]
    apart.
Your webhook retries are [firing|kicking in|going off] even though <endpoint>
    [responds|answers|replies] with 200 OK [within a second|in under a second|almost instantly|right
    away].
Since {weekday} our integration [creates|has been creating] duplicate
    [orders|contacts|tickets|invoices] because the record.created webhook is delivered <twice>.
Each [deal.updated|contact.updated|task.updated] event [hits|reaches|arrives at] <endpoint> <twice>.
    Our logs show both requests [came|come] from your [IP range|IP addresses|servers].
It looks like the retry mechanism doesn't [register|see|pick up] our success responses, so
    [events|webhooks|deliveries] are re-sent after [about|roughly|around] {seconds} seconds.
! webhooks [are duplicated|come double|are sent twice]. we [get|receive] 2 [POST|POSTs|requests] for
    [each|every] event
Our [Zapier zap|Make scenario|n8n workflow] [runs|fires|triggers] <twice> for every new
    [contact|deal|record] because the webhook [arrives|comes in|is delivered] <twice>.
The delivery log in the developer settings shows [a single|one|only one] successful attempt, but
    <endpoint> [receives|gets|logs] two requests.
We de-duplicate on the X-Brightdesk-Delivery header, but the duplicates have
    [different|distinct|new] delivery IDs and the same event ID[, so they slip through| so our check
    misses them|].
Duplicate webhook deliveries are causing [double invoices|duplicate payments|double entries] in our
    [accounting system|ERP|billing tool]. [Please treat this as urgent|This is urgent for us|Please
    prioritise this].
I'm a [developer|backend engineer|the integration developer] at {org}. Our webhook
    [consumer|listener|service] sees duplicates for [roughly|about|around] {pct}% of
    [events|deliveries|all events].
The same webhook is [retried|re-sent|delivered again] even when we return [204|201|202]. Is [204|a
    2xx other than 200|that status] not treated as success?
! Hi, I think you have a bug with the webhooks, we are [receiving|getting] the
    [notifications|events|calls] double since [some|few|several] days.
Events are being delivered at least twice, sometimes [three times|even three times|more]. The docs
    say at-least-once but this is [every single event|every event|all of them|literally everything].
Ever since you changed the retry policy our Slack channel gets two [messages|posts|notifications]
    for every [ticket update|new deal|status change].
We're seeing webhook retries fire <twice>: once at the scheduled retry time and once
    [immediately|right|straight] after.
Your system keeps re-sending [webhooks|events|deliveries] that we already acknowledged,
    [flooding|filling up|clogging] our [queue|job queue|worker queue].
Duplicate deliveries on [task.completed|deal.won|invoice.paid] mean our automation marks [invoices
    as paid|deals as won|orders as shipped] <twice>.
[Can you check|Could you look at|Please check] our webhook subscription? Each <event> comes in
    <twice> with identical [bodies|payloads|JSON].
After rotating the webhook secret, every event has been delivered <twice>: once signed with the old
    secret and once with the new one.
# openers
[I'm the developer|I maintain the integration|I'm responsible for the integration]
    [between|connecting] {product} and [our ERP|our billing system|our internal tools|our data
    warehouse].
[We built|Our team built|We run|We maintain] [a webhook integration|an integration on your
    webhooks|a sync based on your webhooks] [a while ago|last year|some months ago] and [it worked
    fine until recently|it has been solid until now|it never had this issue before].
[Reporting|Flagging|Raising] [what looks like a|a possible|an apparent] bug in webhook delivery[,
    details below| on our workspace|].
# specifics
[About|Roughly|Around] {pct}% of [events|deliveries|webhooks] [arrive twice|are duplicated|come in
    double], [mostly|usually|typically] [within a few seconds|a few seconds apart|close together].
[It's been|This has been] happening <since>[, before that we never saw duplicates|; nothing changed
    on our side|].
[The second|The duplicate] request [arrives|shows up|comes in] [about|roughly|after] {seconds}
    seconds after the first, [with the same event ID|with an identical body|even though we answered
    200].
[We logged|I checked|We traced] [the last|a sample of] {big_n_small} [events|deliveries] and
    [found|counted|saw] duplicates for [most|many|a large share] of them.
# impacts
[Our customers|Our finance team|The warehouse] [get|receive|see] [duplicate invoices|double
    emails|two orders] and [we have to clean up by hand|it's confusing everyone|it's causing
    complaints].
[We're adding|We've had to add|We're building] [de-duplication|idempotency checks|a duplicate
    filter] on our side[ as a stopgap| for now|], but [it's a workaround|we'd rather not|that
    shouldn't be needed].
[Every duplicate|The duplicates] [create|cause|mean] [extra work|manual clean-up|wrong numbers] in
    [our ERP|our reports|the books][ every day| each week|].
# details
Endpoint: https://hooks.{domain}/brightdesk
<endpoint> responds in under {ms} ms.
Example event ID: evt_{hex}.
We're using the v2 webhooks API[, JSON payloads|, signed payloads|].
I deleted and recreated the subscription, [no change|same thing|it didn't help].
We can add idempotency on our side, but [this used to work|it never happened before|that's a
    workaround].
It happens for record.created and record.updated, [maybe others too|possibly others|not sure about
    the rest].
This creates duplicate [records|entries|orders] in our [ERP|CRM|accounting system].
Happy to share [request logs|our logs|the raw requests] if you give me a secure upload link.
""",
    "search_no_results": """
# vocab
noresults = [says "No results found"|shows "No results"|returns nothing|comes back empty|gives me
    zero results|finds nothing]
search = [the search|search|the search bar|global search|the search box]
exists = [exists|is there|is definitely in the system|is in our account]
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
When I search for a [contact|customer|company|deal] I know <exists>, <search> <noresults>.
<search> <noresults> for records I can open directly via [the link|a bookmark|the URL|the list].
I typed the exact [company name|customer name|deal title|contact name] into search and got
    [zero|no|0] results, even though it's right there in the list view.
Searching by email address doesn't find the [contact|person|customer], but filtering the list by the
    same email [does|works|finds it right away].
[New|Newly created|Recent] records [created|added|imported] in the last few days don't show up in
    search at all.
! search is not working, i [search|look] for a [client|customer|company] [name|by name] and [nothing
    comes|nothing|no results]
<search> used to find deals by [number|deal number|ID]; now it [returns an empty list|shows
    nothing|gives zero results].
Our [sales|account|support] team can't find customers via search anymore, they have to [scroll
    through|page through|browse] the whole list.
Records with accents in the name ([like|such as|for example] "Müller" or "José") never [appear|show
    up|come up] in [search results|the results|search].
<search> [gives|returns|shows] "0 results" for anything I type, even [single letters|one letter|a
    common word like "the"].
I can see the record in the table but searching for its exact [title|name] [finds nothing|returns
    nothing|gives no match].
It looks like the search index isn't being [updated|refreshed|kept up to date]: anything
    [imported|created|added] after early {month} is not searchable.
! The search [function|option] doesn't find the [projects|clients|contacts], it says no results but
    they exist I promise.
Search only works for some records; [about half|roughly half|a good third] of our contacts
    [return|give|show] "No results".
Our support agents rely on search to find the customer during calls, and it's [returning
    nothing|coming back empty|not finding anyone], which is [embarrassing|awkward|painful] on the
    phone.
Searching for a phone number or part of one [never returns anything|finds nothing|always gives zero
    results][, even with the exact format| whatever format I use|].
Since the update, search [within|inside] a project returns no tasks, even ones I created [today|this
    morning|an hour ago].
I'm [certain|sure|100% sure] the record exists (ID {record_id}), yet searching for it by name [gives
    me|shows|returns] an empty page.
Why does search say there are no [matches|results] when the [contact|customer|record] is
    [literally|right there|clearly] on my screen?
Search returns results for [old|older] records but never for the ones we [added|created|imported]
    this [month|week|quarter].
# openers
[I'm having|We're having|There's] a [problem|frustrating issue|strange issue] with <search> in
    {product}[ on our account| for the whole team|].
[We use|Our team uses|I use] <search> [all day|constantly|dozens of times a day] to [find
    customers|look up records|jump to deals], so [this is a big deal|this hurts|it matters a lot].
[Not sure if this is|I don't know if it's|Maybe it's] a bug or [something on our side|our setup|me
    doing something wrong], but <search> [seems broken|doesn't find things|stopped working
    properly].
# specifics
It's [been like this|been happening] <since>[, before that search worked fine|; it used to be
    fine|].
[I tried|We tried] [about|around|at least] [ten|a dozen|twenty] [different names|records|searches]
    and [most|more than half|nearly all] of them [came back empty|returned nothing|found no match].
It [fails|happens] [both|the same way] [for names and for emails|in the top bar and in the list
    search|on desktop and mobile].
[Only|It's only] [newer|recent|recently edited] records [that are missing|that don't show up|that
    search can't find]; [older ones|records from last year|the old ones] [are found fine|still show
    up|work].
# impacts
[We waste|People waste|My team loses] [a lot of time|minutes on every call|hours a week] [scrolling
    through lists|hunting for records|looking for customers by hand].
[Customers are|Callers are|Clients are] [kept waiting|left on hold|waiting] while we [look them up
    manually|scroll to find them|search by hand], which [looks unprofessional|is embarrassing|isn't
    great].
[We almost|We nearly|We've already] [created duplicates|added a customer twice|created a second
    record] because search said the [contact|record|customer] didn't exist.
# details
I tried both the search bar at the top and the search inside the [list|list view|table][, same
    result|, no difference|].
Logging out and back in didn't [change anything|help|make a difference].
My colleague sees the same thing on her account[ too|, on a different computer|].
Using {browser} on {os}.
We have about {big_n} [records|contacts|records in total] in the account[ in total|, if that
    matters|].
The records are not [archived|deleted|hidden] and I have permission to see them[, I'm an admin|, I
    own most of them|].
It's the same in the [mobile app|phone app|iOS app].
Filters work, it's only search[ that's broken| that fails|].
This worked fine [last week|until recently|a few weeks ago].
""",
    "email_notifications_stopped": """
# vocab
emails = [email notifications|notification emails|email alerts|notification mails]
update = [the latest update|the last update|the new release|your latest release|the {new_version}
    update|the new version]
stopped = [stopped arriving|stopped coming|don't arrive anymore|never arrive now|stopped
    completely|are gone]
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
Since <update> we're no longer getting any <emails>: not for assignments, not for mentions,
    [nothing|nothing at all|zero].
<emails> <stopped> [a few days ago|this week|recently], right after <update> was released.
None of my team [receive|get] the "you've been assigned" emails [anymore|any more|now]. They were
    working [fine|perfectly|normally] until <update>.
I haven't received a single notification email since {weekday}. I checked [spam|junk|the spam
    folder] and the filters, nothing there.
Our whole workflow depends on the email alerts for new tasks, and since <update> they [just don't
    come|simply don't arrive|never show up].
! no [notification emails|email notifications|notif emails] since the update. [checked spam|spam
    checked|not in spam].
Due date reminders and mention emails [stopped completely|disappeared|stopped] after <update>.
! Hello, after the update we don't [receive|get] the emails of [notifications|notification|alerts]
    anymore, please [check|verify|look].
In-app notifications still [appear|show up|work], but the [matching|corresponding] emails are never
    [sent|delivered].
My notification settings are all switched on, yet no emails have arrived since <update> went live.
Clients who comment on our shared boards used to trigger an email to us; since <update> those emails
    have [vanished|stopped|disappeared].
Is there an outage with <emails>? Nobody at {org} has had one since [the release notes email|the
    update|the new version].
We missed [two deadlines|a deadline|an important handover] this week because the reminder emails
    [silently|quietly] stopped after <update>.
<update> seems to have [reset|broken|switched off] <emails>; toggling them off and on again didn't
    bring them back.
The email digest and instant notifications both [stopped|disappeared|died] after <update>.
I only noticed because a [colleague|teammate|coworker] asked why I [ignored|didn't answer|missed]
    her mention. The notification email never [arrived|came|showed up].
Since <update>, <emails> are not delivered to anyone in our workspace.
After updating, our approvers don't get the approval request emails, so nothing gets approved[
    anymore| on time|].
I suspect <update> broke outgoing notifications; the activity log shows "email sent" but we get
    nothing.
Are <emails> turned off on purpose in the new version? We are not getting any[ at all| since the
    upgrade|].
# openers
[We noticed|I noticed|Our team noticed] [something odd|a problem|a change] [right after|straight
    after|just after] <update>[, and it's getting worse|, which is a pain|].
[Quick heads-up|Heads-up|Just so you know]: [I think|it looks like|I'm pretty sure] <update> [broke
    something|broke notifications|changed something with emails].
[Our team depends|We depend|My department relies|We rely] on email notifications [to know what's
    assigned|to follow up on tasks|to keep up with clients], and [they've gone quiet|nothing is
    coming in|it's all silent].
# specifics
[Nobody|Not one person|None of the {n} people] in our workspace [has received|got|has had] a
    notification email <since>.
[It's|This is] [every type|all types|all kinds] of notification email: [assignments, mentions and
    reminders|mentions, due dates and comments|assignments and digests].
It started [the day|right when|the morning after] the [release|update|new version] [went live|came
    out|rolled out], on {release_day}.
[In-app|The bell|The in-app] notifications [still work|keep working|are fine]; only the emails [are
    missing|don't come|stopped].
# impacts
[We've missed|We missed|I missed] [deadlines|client replies|approvals] because [nobody knew|no one
    was told|we didn't get the reminder][ in time|].
[People are|The team is|We're] [checking the app every few minutes|refreshing the app all day|asking
    each other on chat] [to see if|whether] [anything changed|something was assigned|there's news],
    which [is not sustainable|wastes time|is annoying].
[Our clients|Customers] [complain|are upset|have noticed] that we [reply late|don't answer|are slow]
    since [the emails stopped|the update|this started].
# details
We checked with our IT team and nothing from brightdesk.io is being [blocked|filtered|quarantined].
The emails aren't in [spam or quarantine|junk|spam][ either|].
This affects all {n} [users|people|members] in our [workspace|account|team].
Other emails from you, like password resets, [still arrive|still come through|arrive fine].
I re-saved the notification preferences, [no change|nothing changed|no difference].
We use {mail_provider} for email.
It started right after the release on {release_day}.
Please let us know if there is an [ETA|estimate|timeline] for a fix.
# id_vocab
update_id = [update terakhir|pembaruan terakhir|versi baru|update kemarin|versi {new_version}]
notif_id = [notifikasi email|email notifikasi|email pemberitahuan|notif email]
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
Sejak <update_id>, kami tidak lagi menerima <notif_id> sama sekali.
Email pemberitahuan tugas baru tidak masuk lagi setelah <update_id> dirilis.
Notifikasi di aplikasi masih muncul, tapi [emailnya|email-nya] tidak pernah terkirim.
Sudah cek folder spam, tidak ada email dari {product} sejak hari {weekday_id}.
Pengingat tenggat waktu lewat email berhenti setelah <update_id>, akibatnya kami [terlambat
    mengerjakan tugas|melewatkan deadline].
! [tim kami|kami] [gak|ga|tidak] dapat email notif lagi sejak update [kemarin|terakhir]
Pengaturan notifikasi sudah aktif semua, tapi <notif_id> tetap tidak datang.
Apakah ada gangguan pada <notif_id>? Tidak ada satu pun anggota tim yang menerima email.
Setelah <update_id>, email permintaan persetujuan tidak sampai ke [atasan kami|manajer kami].
Email notifikasi saat ada yang menyebut nama saya (mention) sudah tidak terkirim [sejak
    <update_id>|lagi].
<notif_id> sudah saya matikan dan nyalakan lagi, tetap tidak ada email masuk.
# id_openers
[Kami menemukan|Saya menemukan] masalah [setelah|sejak] <update_id> [dirilis|diterapkan].
# id_specifics
Semua jenis <notif_id> [tidak masuk|hilang]: [tugas baru, mention, dan pengingat|penugasan dan
    komentar].
# id_impacts
Kami [melewatkan|terlambat mengerjakan] beberapa tugas karena tidak ada [pemberitahuan|email
    pengingat].
# id_details
Semua {n} pengguna di workspace kami mengalami hal yang sama.
Email reset password dari {product} masih masuk, hanya notifikasi yang tidak.
Tim IT kami sudah cek dan tidak ada email yang [diblokir|masuk karantina].
Mohon info kapan masalah ini bisa diperbaiki.
Masalahnya mulai tepat setelah update tanggal {release_day_id}.
""",
    "cancel_subscription_hard": """
# vocab
cancel = [cancel|end|stop]
sub = [our subscription|the subscription|my subscription|our plan|the plan]
cantfind = [can't find|cannot find|can't see|don't see|couldn't find]
where = [anywhere|anywhere in the app|in any of the settings|on any page]
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
I [want|need|would like] to <cancel> <sub> but I <cantfind> [any option|a button|a way] to do it [in
    the settings|<where>].
I've looked through [Billing, Account and Workspace settings|every settings page|the billing page
    and the account page] and there is no [cancel button|cancel option|way to cancel] <where>.
How do I cancel? I've spent [20 minutes|half an hour|ages|far too long] clicking around and the only
    thing I see is "Upgrade".
We're [moving to|switching to|going with] a different tool and need to <cancel> <sub> before the
    renewal date, but the app doesn't [seem to allow it|let me|offer that anywhere].
[Please tell me|Can you tell me|Could you explain] how to [stop|turn off|switch off] the automatic
    renewal, I <cantfind> it[ <where>|].
! [cancel my subscription please|please cancel my subscription|pls cancel our plan], [cant find how
    to do it myself|can't find how to do it|no idea where to do it]
The help article says to go to Settings > Billing > Cancel plan, but that [menu item|option|link]
    doesn't exist for me[ at all|].
[Why is it so hard|Why is it this difficult|How is it so hard] to cancel? I [should not|shouldn't]
    have to [email support|write to you|contact anyone] to stop paying for something.
I'm the [account owner|workspace owner|admin] and I'd like to downgrade to Free or cancel
    [entirely|completely|altogether]. Where do I do that?
! Hello, I would like to [finish|terminate|stop] my [subscription|plan|suscription], where I can [do
    this|make this|do it]? I don't find it.
Our trial [converted|turned|switched] to [paid|a paid plan] and we don't want to [continue|keep
    it|stay]. How can I <cancel> it without being charged [again|a second time|next month]?
I clicked "Manage plan" but it only lets me change [seats|the number of seats|users], not
    [cancel|end the plan|stop the subscription].
My [manager|boss|director] asked me to <cancel> our {plan} plan at the end of the
    [month|quarter|billing period]. What are the steps?
The cancel link in the [billing emails|renewal reminder|invoice email] takes me to the login page
    and then to the dashboard, never to a [cancel screen|cancellation page|page where I can cancel].
We've [decided|chosen] not to renew[ this year| at the end of the term|]. Is there a
    [self-service|do-it-yourself|simple] way to cancel[ online|], or do you have to [do it for
    us|handle it on your side|process it]?
I keep [ending up|landing] on a "Talk to sales" page when [trying|I try] to cancel. I don't want to
    talk to sales, I just want to <cancel> <sub>.
Can you please point me to where I <cancel> <sub>? The billing page only [shows|lists|has]
    [invoices|past invoices|payment history].
[Honestly|To be honest|Frankly] the cancellation [flow|option] is [hidden|well hidden|buried]. I
    found "Delete workspace" but I don't want to lose the data, I just want to stop [the
    plan|paying|the billing].
I tried to cancel from the [mobile app|phone app|iPad app] and couldn't find the option there
    [either|as well].
We're [closing|wrapping up|ending] the project this [team|workspace] [used|was for]. How do we
    <cancel> billing for this workspace only?
I need to <cancel> <sub> before {renewal_date} so we're not charged for another [year|term|period].
# openers
[We've decided|Our company has decided|Management decided] to [stop using|move away from|not
    continue with] {product}[ after the current term| at the end of this month|].
[Sorry to say|Unfortunately|I'm afraid] we [won't be renewing|are leaving|need to stop], [mostly for
    budget reasons|as our needs changed|because the project ended].
[I've been trying|I tried|I've tried] to cancel <sub> [myself|on my own|without bothering you], [but
    I'm stuck|with no luck|and gave up].
# specifics
[Our renewal|The renewal|Our next charge] is on {renewal_date}, so [there's not much time|I need
    this sorted soon|I'd like it done before then].
I've [looked|searched|clicked] through [every menu|all the settings|the whole billing area]
    [twice|three times|several times] and <cantfind> it.
[We have|There are] {n} seats on [the|our] {plan} plan and we [don't need any of them|want to stop
    all of them|won't use them anymore].
# impacts
[I don't want to|We can't afford to|We really don't want to] be charged [again|for another year|for
    something we don't use].
[Please|Kindly] [confirm|let me know] [in writing|by email|here] once <sub> is cancelled[ so I can
    tell finance| for our records|].
[If we can't cancel|If this isn't possible|If we get charged again], [we'll have to|I'll have to]
    [block the card|dispute the charge with our bank|escalate this].
# details
We'd like to keep [read-only access|access in read-only mode|access] to our data if possible.
Our renewal is on {renewal_date}.
I'm the owner of the workspace, so I should have the [permissions|rights|access].
Please confirm [in writing|by email|with an email] once it's [cancelled|done|been cancelled][,
    thanks|].
We will [export|download|back up] our data first.
[Budget cuts|It's budget cuts|Budget reasons], nothing personal.
I have {n} [seats|users|licences] on the [plan|{plan} plan|subscription].
I'm using {browser}.
# id_vocab
batal_id = [membatalkan langganan|berhenti berlangganan|menghentikan langganan|cancel langganan]
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
Saya ingin <batal_id>, tapi tidak menemukan pilihan untuk itu di [pengaturan|menu Settings].
Bagaimana cara <batal_id>? Di halaman Billing hanya ada tombol Upgrade.
Kami akan pindah ke aplikasi lain dan ingin <batal_id> sebelum tanggal perpanjangan.
Mohon info cara mematikan perpanjangan otomatis, saya sudah [cari ke mana-mana|cari di semua menu].
! [sy|saya] mau cancel langganan tp [gak|ga] nemu menunya
Artikel bantuan bilang ke Settings > Billing > Cancel plan, tapi menu itu tidak ada di akun saya.
Kenapa susah sekali untuk <batal_id>? Setiap saya klik malah diarahkan ke halaman sales.
Saya pemilik akun dan ingin turun ke paket Free atau berhenti sama sekali, di mana caranya?
Masa percobaan kami otomatis berubah jadi berbayar, bagaimana cara membatalkannya agar tidak ditagih
    lagi?
Tolong tunjukkan di mana saya bisa membatalkan paket {plan} kami.
Saya hanya menemukan opsi "Hapus workspace", padahal saya tidak mau datanya hilang, hanya ingin
    berhenti bayar.
Atasan saya meminta langganan ini dihentikan akhir bulan ini. Apa langkah-langkahnya?
# id_openers
Kami [sudah memutuskan|memutuskan] untuk tidak melanjutkan {product} [setelah periode ini|bulan
    depan].
# id_specifics
Tanggal perpanjangan kami {renewal_date_id}, jadi [waktunya tidak banyak|mohon segera dibantu].
# id_impacts
Kami tidak [mau|ingin] ditagih lagi untuk [layanan yang tidak kami pakai|tahun berikutnya|periode
    berikutnya].
# id_details
Kami ingin tetap bisa melihat data kami kalau memungkinkan.
Tanggal perpanjangan kami {renewal_date_id}.
Mohon konfirmasi lewat email setelah dibatalkan.
Kami punya {n} pengguna di paket ini.
Data akan kami ekspor terlebih dahulu.
""",
    "billing_address_change_confusing": """
# vocab
billaddr = [the billing address|the address on our invoices|our invoice address|the billing
    details|the postal address on the invoice]
change = [change|update|edit|correct]
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
We [moved offices|relocated|moved to a new building] and I need to <change> <billaddr>, but I can't
    [figure out|work out|find] where.
I [updated|changed|edited] the company address in [Settings|the company profile|the account
    settings], but the [new|latest|most recent] invoice [still shows|keeps showing|still has] the
    [old|previous|former] address.
There seem to be two [different|separate] address fields, one in the company profile and one in
    billing, and it's [not clear|unclear|impossible to tell] which one the invoice
    [uses|takes|prints].
How do I <change> the address on the invoice? Our [accounts payable|AP|finance|purchasing] team
    [rejects|won't accept|sends back] invoices with the [old|outdated|wrong] address.
The billing address form keeps [asking for|requiring|demanding] a [state|US state|state or province]
    even though we're in {country}, so I can't [save it|save the form|get past it].
! [changed|updated|edited] the address [3|three|several] times, invoice still [old one|shows the old
    one|wrong]
I found the billing page but the address fields are [greyed out|locked|read-only]. Is that only
    [editable|changeable] by the [owner|account owner|admin]?
[Could you|Can you|Would you] explain how <billaddr> works? I changed it in the [payment method
    popup|card details window|card form] and now I'm [not sure|unsure|confused about] [if|whether]
    it applies to [invoices|the invoices|our invoices][ at all| too|].
Our legal entity name changed after a [merger|acquisition|rebrand]; we need both the company name
    and the address [updated|corrected|changed] on [invoices|our invoices|future invoices].
The invoice PDF still [shows|has|prints] our previous address although I changed it [last week|a few
    days ago|on {weekday}]. [Does it only apply|Does the change only apply|Will it only apply] to
    [future|new|upcoming] invoices?
I'm the [finance person|bookkeeper|accountant] here and I don't have access to the billing settings.
    What's the [right|best|proper] way to get <billaddr> changed?
The address field [cuts off|truncates|stops] after the second line, so our [full|complete|whole]
    address doesn't fit on the [invoice|PDF|invoice header].
! Hello, I need modify the [direction|address] of [facturation|billing] in the [invoices|invoice],
    how I can [do it|make it|change it]?
It's not [obvious|clear|intuitive] at all where to <change> <billaddr>. I went through every
    settings page [twice|two times|more than once].
Is it possible to re-issue [last month's|the last|our latest] invoice with the corrected address?
    Our [auditor|accountant|finance team] needs it.
When I save the new billing address I get "Something went wrong" with no
    [explanation|details|further information].
We'd like the invoices addressed to our [head office|headquarters|main office] instead of the
    [branch|local office|subsidiary]. Where do I <change> that?
The billing address and the card's address seem to be [linked|tied together|connected], so changing
    one [messes up|overwrites|resets] the other. [Very confusing|Really confusing|Quite confusing][,
    to be honest|].
Your invoice settings page only lets me [change|edit|set] the [email recipient|recipient
    email|invoice email], not the [postal address|street address|address itself].
Can you <change> <billaddr> for us? I've tried [myself|on my own|a few times] and it doesn't
    [stick|save|seem to work].
# openers
[Our company|We|Our office] [moved|has moved|relocated] [recently|last month|a few weeks ago], so
    [the invoices need|I need|our paperwork needs] [our new details|the new address|updating].
[I handle|I look after|I'm in charge of] [our invoices|supplier invoices|accounts payable] at {org}
    and [I'm a bit lost|I'm confused|need some help] with your billing settings.
[Small|Quick|Simple] [admin|billing] [question|request], [hopefully|probably] [easy to fix|quick to
    answer|a quick one].
# specifics
I've [tried|attempted] [twice|three times|a few times] [since {weekday}|this week|over the last
    days], [with the same result|and the invoice doesn't change|but nothing sticks].
[Our|The] [last|latest] [two|three|few] invoices [all|still] [show|have|carry] the [old|previous]
    address.
The [change|new address] [shows up|appears|is visible] in [the company profile|Settings|my account
    page] but not on [the invoice|the PDF|the receipts].
# impacts
[Our|The] [accounts payable|finance|AP] [team|department] [won't pay|can't process|keeps rejecting]
    invoices with [the wrong address|the old details|outdated details].
[We need|I need|Our auditor needs] [correct invoices|the right address on the invoices] [before the
    quarter closes|for our audit|for tax purposes].
# details
The new address is {address}.
[Our invoice number is|The latest invoice is|For reference, the invoice number is] {invoice_no}.
I'm the billing contact, not the [account owner|owner of the account|workspace owner][, if that
    matters|].
We need this before our [next payment run|next payment cycle|next invoice run][ on the {day_ord}|].
The old address is still on the [receipt emails|payment receipts|emailed receipts] [too|as well].
We're on the {plan} plan, billed {billing_cycle}.
""",
    "dashboard_slow": """
# vocab
dash = [the dashboard|our dashboard|the main dashboard|the home dashboard|the dashboard|the
    dashboard page|our main dashboard]
slow = [really slow|very slow|painfully slow|extremely slow|incredibly slow|super slow|sluggish]
widgets = [the charts|the graphs|the numbers|the charts on it|the figures]
load = [load|show up|appear|render|come up]
wait = [wait|sit there|stare at a spinner|watch the spinner]
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
<dash> takes [over|more than|about|close to|almost] {seconds} seconds to <load> [every time I open
    it|each time I open it|whenever I open it|after I log in|when I click on it].
[Our|The] main dashboard has become <slow>; <widgets> [spin|keep loading|stay blank] for [ages|a
    long time|ages and ages|a good while] before anything [shows up|appears|is visible].
Loading <dash> in the [morning|first thing in the morning|mornings] takes [about|around|up to]
    {minutes_small} minutes. It used to be [instant|fast|a couple of seconds|quick|much
    faster|almost immediate].
Everything in the app is [fine|fast enough|okay] except <dash>, which is <slow>[ for some reason|
    lately|].
! [dashboard|the dashboard|dashbord] [super slow|so slow|extremely slow]. [takes forever|takes
    ages|forever to load]
My team [complains|moans|grumbles] [every day|daily|constantly] that <dash> is slow; we lose [a lot
    of time|so much time|ages] waiting for it[ to load|].
When I [switch|change] the date range on <dash>, it [freezes|hangs|locks up] for [half a
    minute|about {seconds} seconds|a good while] before updating.
<dash> times out with "This is taking longer than expected" [more often than not|about half the
    time|several times a day|most mornings].
! Hi, the dashboard [load|loads|is load] very slow, sometimes [one minute|a minute|more than one
    minute], is possible to [improve|make faster|fix]?
We have {n} [charts|widgets|charts and tables] on [our|the|my] dashboard and it's [barely
    usable|almost unusable|hard to use|close to useless] [now|these days|at this point].
    [Removing|Deleting|Taking out] a few [helps|improves it] a bit, but not [enough|by much|nearly
    enough].
The page loads, but [each chart|every chart|the charts|each graph] [appears|pops in|loads] one by
    one over the course of [a minute|a full minute|a minute or more|about {seconds} seconds].
Opening <dash> makes my browser tab use a [huge|crazy|ridiculous] amount of memory and the [laptop
    fan spins up|computer slows down|whole browser freezes].
It's not unusable, just slow enough to be [really|properly|seriously] annoying:
    [about|around|roughly] {seconds} seconds before <dash> becomes clickable.
We're on {plan} and paying [a lot|good money|quite a bit]; <dash> shouldn't take this long to
    <load>.
As a manager I open <dash> in every [stand-up|team meeting|morning meeting], and we now [wait in
    silence|sit around|all wait] while it loads. [Not great|Not a good look|Awkward].
[Is there something wrong with|Is something going on with|Are there problems with|Is anything wrong
    with] your [servers|infrastructure|backend|hosting]? <dash> has been [crawling|dragging|slow as
    molasses] [all week|for days|since Monday].
[Dashboards|Views] with the "All time" filter never finish loading; "Last 30 days" works but is
    still [slow|sluggish|not fast].
<dash> is [slow|at its worst|unbearable] in the afternoons (European time) and
    [fine|okay|acceptable] in the morning.
I measured it: {seconds} seconds until the first chart [appears|shows|loads], {seconds2} seconds
    until [all of them are there|everything is loaded|the last one is done].
Our shared [TV dashboard|wall screen|office TV] [in the office|in the sales room|by the kitchen]
    keeps showing the loading spinner instead of the [numbers|figures|charts].
! Slow slow slow. [Every time|Each time|Whenever] I [click back to|go back to|return to] the
    dashboard I have to [wait|wait again|sit and wait].
The dashboard performance got [noticeably|a lot|much] worse after we added more
    [users|people|records] to the account.
[Why is <dash> so slow|How come <dash> is so slow|What's going on with <dash>] [lately|these
    days|recently]? I have to <wait> for [ages|a minute or so|a long time] before I can [do
    anything|click anything|use it].
[Refreshing|Reloading] <dash> takes so long that [people|half my team|some colleagues] have [stopped
    using it|given up on it|stopped opening it].
I click on Dashboard and then [nothing happens|the screen stays blank|I get a spinner] for [a long
    while|ages|about {seconds} seconds] until <widgets> [finally |]<load>.
[The overview page|The dashboard|Our home screen] [needs|takes] [well over a minute|more than a
    minute|a minute or two] to show our [numbers|figures|KPIs][ these days| now|].
Our dashboard [loads|opens|comes up] at a snail's pace [since the last few weeks|lately|since the
    last release]; [we're talking|it's] [{seconds} seconds|close to a minute|a good minute] before
    [anything appears|the first chart shows|it's usable].
Each time I log in I [stare at|look at|sit in front of] a blank dashboard for [a long time|ages|what
    feels like forever] before the [data comes in|numbers appear|charts load].
[Can you look into|Could you check|Could you look at|Can someone look at] the dashboard
    [speed|performance]? It is [far|much|a lot] slower than it was [a month ago|before the
    summer|last quarter].
It now takes longer to [load|open] the dashboard than to do the actual work[, which is a bit
    absurd|, honestly|].
[We've noticed|I've noticed|Our team noticed] the [main|home|team] dashboard loading [slower and
    slower|a bit slower] [each week|every week|week after week].
The [charts|graphs|tiles] on the [home screen|dashboard|overview page] take [forever|ages|an
    eternity] to render, even [with a fast connection|on a good laptop|on fibre].
Please [speed up|do something about|improve] the dashboard, it is [slowing our mornings down|eating
    into our mornings|costing us time every day].
[Is the dashboard supposed to be|Is it normal for the dashboard to be|Should the dashboard really
    be|Is it expected that the dashboard is|Is it just us, or is the dashboard] [this slow|so
    slow|this sluggish]? It [feels|looks|seems] broken, but it does [load|finish loading|get there]
    in the end[, eventually|].
[Our dashboard|The dashboard|Our main dashboard] [crawls|is so slow|drags]; sometimes I [give up and
    close the tab|just give up|go make coffee while it loads].
# openers
[I want to|I'd like to|Just want to] [report|flag|raise] [a performance problem|an issue with
    speed|a speed problem] [with the dashboard|on the dashboard page|in the dashboard].
[We use|Our team uses|My team opens|We rely on|I check] <dash> [every morning|all
    day|constantly|many times a day] [to check our numbers|to see the pipeline|for our KPIs|to plan
    the day].
[This is not|It's not] [a new problem|the first time I mention it|something that started today], but
    <dash> is [getting slower|worse than ever|really slow now].
[Sorry to bother you|Not urgent|Not a showstopper], but [the speed of the dashboard|dashboard
    performance|how slow the dashboard is] is [driving us mad|becoming a problem|wearing us down].
# specifics
It's [been like this|been getting worse|been slow] <since>[, it used to be fast|; before that it was
    fine|].
It happens [on every computer|on all our laptops|for every user|in every browser] we
    [have|tried|use], [even on a fast connection|even on fibre|wired or wifi].
[The first load|Loading it the first time|The first time each day] is the worst,
    [often|sometimes|usually] [over a minute|more than {seconds} seconds|a couple of minutes].
It's [slowest|worst|at its worst] [on Monday mornings|at the start of the week|around lunchtime|in
    the afternoon], when [everyone logs in|the whole team is online|we're busiest].
[The rest of the app|Lists and records|Everything else] [is fast|loads fine|works at normal speed];
    [only|it's only] <dash> [is slow|that drags|that is the problem].
# impacts
[We lose|I lose|The team loses] [about|roughly|easily] {minutes_small} minutes [every morning|each
    day|per person per day] [just waiting|waiting for it|looking at the spinner].
[People|My colleagues|Our managers] have [started|begun] [exporting to Excel|making their own
    spreadsheets|avoiding the dashboard] [instead|because of this|to get the numbers].
[In meetings|During calls with clients|In front of customers] [it looks bad|it's embarrassing|we
    look silly] when [the numbers|the dashboard|our charts] take [forever|ages|minutes] to
    [load|appear].
[It makes|This makes] [the dashboard|the whole dashboard|our dashboard] [feel broken|look bad|hard
    to defend internally], even though [the rest works|the data is right|we like it otherwise].
# details
I'm using {browser} on {os}[ with a good internet connection| on a fast connection| over fibre|].
[Other websites|Other sites|Everything else online] [load|open] [fine|normally|quickly] [for
    us|here|on the same network].
[It's the same|Same thing|It's no different] on my [colleague's|coworker's|manager's]
    [computer|laptop|PC].
We have [around|about|roughly|just over|a bit under] {big_n} [records|contacts and deals|records in
    total] in the account.
I tried [disabling|turning off|switching off] [browser extensions|all extensions|my ad blocker and
    extensions][, no change|, didn't help|].
Our office is in {city}[, if that matters|, in case that's relevant|].
It [seems to get|gets|is] [worse|slower|even slower] [at the start of the week|on Mondays|around the
    end of the month|when the whole team is online].
We have {n} [users|people|active users] on the account[ now|, most of them daily|].
The rest of the app ([lists, records|lists and records|records, lists and search]) is [fast
    enough|fine|quick].
We'd [accept|be happy with|settle for|gladly take] a [simpler|lighter|more basic] dashboard if it
    loaded [quickly|fast|faster].
# id_vocab
dash_id = [dashboard|dashboard utama|halaman dashboard|dashboard laporan]
lambat_id = [lambat sekali|lemot|sangat lambat|lama sekali]
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
<dash_id> butuh lebih dari {seconds} detik untuk terbuka setiap kali saya [membukanya|login].
<dash_id> kami sekarang <lambat_id>, grafiknya [muter-muter|loading] lama sebelum muncul.
! [dashboard|dashbord] lemot [bgt|banget], loadingnya lama
Setiap pagi membuka <dash_id> bisa sampai {minutes_small} menit, dulu tidak seperti ini.
Kalau saya ganti rentang tanggal di dashboard, halamannya [hang|macet] sekitar [setengah
    menit|{seconds} detik].
<dash_id> sering timeout dengan pesan "This is taking longer than expected".
Bagian lain aplikasi cukup cepat, hanya <dash_id> yang <lambat_id>.
Tim saya setiap hari mengeluh karena harus menunggu <dash_id> terbuka.
Apakah ada masalah di [server|sistem]? <dash_id> <lambat_id> [sepanjang minggu ini|<since_id>].
Kami punya {n} [widget|grafik] di dashboard dan sekarang hampir tidak bisa [dipakai|digunakan].
Grafik di <dash_id> muncul satu per satu, butuh hampir [satu menit|{seconds} detik] sampai semuanya
    tampil.
Mohon dibantu, performa <dash_id> sangat menurun <since_id>.
# id_openers
[Saya mau melaporkan|Mau lapor|Kami ingin menyampaikan] masalah kecepatan di <dash_id>.
# id_specifics
Masalah ini [terjadi|muncul] di [semua komputer kantor kami|semua laptop tim|semua browser yang kami
    coba], [bahkan dengan internet cepat|walaupun koneksinya stabil|bukan hanya di satu komputer].
# id_impacts
Kami [kehilangan|membuang] banyak waktu setiap pagi hanya untuk menunggu <dash_id> [terbuka|selesai
    loading].
# id_details
Saya pakai {browser} di {os}, koneksi internet kantor kami stabil.
Website lain [terbuka dengan normal|lancar saja|tidak ada masalah].
[Rekan kerja saya|Teman satu tim saya] juga mengalami hal yang sama.
Kantor kami di {city}.
Di jam sibuk [siang hari|setelah makan siang] lebih parah lagi.
""",
    "team_invite_permissions_confusing": """
# vocab
invite = [invite|add|bring in]
colleague = [colleagues|teammates|people|team members]
roles = [roles|permissions|access levels|user roles]
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
I invited [two|three|a couple of] <colleague> but they can't see [any of our projects|any
    projects|our records|anything useful] after logging in. What [permission|role|access] do they
    need[ exactly|]?
The difference between [Member, Guest and Admin|Admin, Member and Guest|the Member, Guest and Admin
    roles] isn't [clear|obvious] to me. I want someone who can [edit|update|work on] records but not
    see [billing|invoices|the billing page].
How do I <invite> <colleague> so that they only see their own team's [pipeline|projects|records]?
I've set up a new user and they can see [absolutely everything|everything|all our data], including
    [salary notes|private deals|HR records]. How do I [restrict|limit|lock down] that?
The permissions screen is [really|very|pretty] confusing: there are roles, teams and per-project
    access, and I can't tell which one [wins|takes priority|applies].
! how do i [add|invite] [people|my colleagues|new users] to my team? invite button [greyed out|is
    grey|doesnt work]
I sent an invite [a week ago|a few days ago|on {weekday}] and it still says "pending". My
    [colleague|new hire|teammate] says [she|he|they] never got [an email|the email|any invitation].
We're onboarding {n} new hires next [week|month|Monday]. Is there a way to <invite> them in bulk
    with the same role?
! Hello, I want to give to my [assistant|secretary|colleague] the access only for
    [read|reading|see], not modify. How is possible?
Our [contractor|freelancer|consultant] needs access to one project only. [When I invite him as a
    guest he|When I invite them as a guest they|If I add him as a guest he] can't see [anything at
    all|a thing|any project].
I changed a user's role to Viewer but they can still [delete|edit|archive] records. Am I missing a
    setting?
As the workspace admin I'm [struggling|finding it hard|having a hard time] to understand who can see
    what. Is there an overview of <roles> per user?
I invited someone with the wrong email address[ by mistake| earlier|]. How do I
    [cancel|revoke|withdraw] the invite and send a new one?
When my colleague clicks the invite link it [asks her|wants her|tells her] to create a new workspace
    instead of joining ours.
Is it possible to have custom <roles>? The default ones don't fit how our
    [team|company|organisation] works.
The invite flow makes you choose a role before explaining what any of the <roles> do.
I'm trying to give our [sales manager|team lead|operations manager] access to all the
    [sales|team|client] projects without making her a full admin.
Why does each invited user count as a paid seat even if they're [just guests|only guests|read-only]?
    The [UI|invite screen|app] didn't explain this.
We removed a user but they still [appear|show up] in the [assignee list|list of assignees|user
    dropdown]. Are they still able to [log in|sign in|access our data]?
Could you walk me through setting up <roles> so [interns|temps|trainees] can add records but not
    export?
# openers
[Our team is growing|We're growing|We've hired a few people] and I'm [setting up|organising|sorting
    out] [access|accounts|permissions] for [everyone|the new people|the team].
[I'm new to|I just took over|I recently became] the admin role in our {product} workspace, so [bear
    with me|apologies if this is basic|sorry for the basic question].
[Question about|Need help with|Confused about] <roles> when [inviting|adding] <colleague>.
# specifics
[We have|There are] {n} people in the workspace and [about half|a few|most] of them [should only
    see|need access to|work on] [their own team's records|one project|specific clients].
I [read|went through|looked at] the help article on <roles> [twice|a couple of times|already] and
    [it didn't answer this|I'm still confused|it didn't help].
# impacts
[Until this is sorted|Until then|For now] [the new people|my colleagues|the new hires] [can't start
    working|are sitting idle|can't do their job] in {product}.
[We can't|I don't want to] [give everyone admin|let everyone see everything|open up billing to the
    whole team] [just to make it work|as a workaround|because of this].
# details
We're on the {plan} plan[ at the moment|].
I'm the account owner.
The people I'm inviting use {mail_provider} accounts[, not sure if that matters|].
I read the help article on roles but it didn't [answer this|help|cover my case].
We have [about|around|roughly] {n} people in the workspace[ right now| in total|].
A screenshot of the permissions page would help me explain it to my [team|colleagues|boss].
""",
    "api_key_howto": """
# vocab
key = [an API key|an API token|a key for the API|API credentials]
create = [create|generate|get|set up]
find = [find|get|locate]
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
How do I <create> <key> so I can connect {product} to our {integration} account?
I'm trying to [set up|configure|finish] [an integration|the {integration} connection|a connector]
    and it [asks for|wants|needs] an API token. Where can I <find> that in {product}[ exactly|]?
[Where are|Where can I find|How do I get to] the [developer settings|developer section|API
    settings]? I need <key> for our internal [reporting script|dashboard|data pipeline|billing
    sync].
[Can you explain|Could you explain|I'd like to understand] how [API authentication|authentication
    for the API|auth] works. Do I send the key as a [header|request header] or as a [parameter|query
    parameter]?
Our [developer|IT contractor|agency|data engineer] needs <key> to sync [contacts|deals|companies]
    with our [ERP|data warehouse|billing system]. [Which permissions|What permissions|What scopes]
    does the key need?
! [api key where|where api key|where is the api key]? need it for [zapier|make|n8n|power bi]
Is it possible to <create> <key> that only has [read access|read-only access|read permissions]?
I generated a key, but how do I [use it|actually use it|call the API with it]? Is there an example
    request [somewhere|in the docs|I can copy]?
! Hello, I need the API key for connect with our [software|system|program], where I [find|can
    find|found] it please?
Does the API key [expire|ever expire|have an expiry date]? I want to make sure our integration
    doesn't [stop working|break|suddenly fail] in a few [months|weeks|years].
Can I <create> separate API keys for different integrations so I can revoke them [individually|one
    by one|separately]?
I'm not technical, our [agency|web developer|IT partner] asked me to send them an "API key" for
    {product}. How do I [get one|create one|find it] and is it [safe|okay|secure] to share[ by
    email|]?
The {integration} connector asks for an "API token and workspace ID". Where do I <find> [both|those
    two|them]?
Are API keys [per user or per workspace|tied to a user or to the workspace|personal or shared]? If
    the person who created it [leaves|leaves the company|is deactivated], does it [stop working|get
    revoked|break]?
We're [evaluating|looking at|testing] the API for a [custom integration|small internal tool|data
    sync]. How do I <create> <key> on the {plan} plan?
What's the difference between a personal access token and an API key in your [settings|developer
    settings|docs][, and which one should I use|, and when do I use which|]?
I want to pull our [deals|pipeline|contacts|activities] into [Power BI|Google Sheets|Looker
    Studio|Tableau]. I read I need <key>, where do I <create> it?
Where do I put the API key when [calling|I call|sending requests to] your [REST endpoints|REST
    API|API]? The docs mention Bearer but I'm not [sure|certain|clear on the format].
[Quick question|Short question|One question]: how do I regenerate our API key? We think the old one
    was [shared by accident|leaked|posted in a public repo].
Could you send me [step-by-step instructions|a short guide|the steps] to <create> <key> for our
    integration?
# openers
[We're connecting|We want to connect|I'm trying to connect] {product} [to|with] [our internal
    systems|{integration}|our ERP|our website] [this week|for the first time|as part of a project].
[I'm a developer|I'm the IT person|I'm not a developer] at {org} and [I've been asked to|I need
    to|my job this week is to] [set up an integration|automate some reporting|sync our data].
[New to the API|First time using your API|Haven't used your API before], so [sorry if this is
    obvious|apologies for the basic question|bear with me|forgive the basic question][ below|].
# specifics
I [looked|searched|checked] in [Settings|the account menu|the developer docs] [for about twenty
    minutes|for a while|twice] and [didn't see anything|couldn't find it|found nothing obvious].
[We're on|Our plan is] the {plan} plan[, in case API access depends on that|, not sure if that
    matters|].
[The integration|Our script|The sync] [would run|needs to run|will run] [every night|every hour|once
    a day] [under a service account|from a server|automatically].
# impacts
[We'd like to|We need to|The goal is to] [go live|have it running|finish the setup] [by the end of
    the week|before Monday|this month].
[Our developer|The agency|Our contractor] is [waiting on|blocked until we have|billing us while
    waiting for] the key[, so the sooner the better|, hence the rush|].
# details
We're on the {plan} plan[, if that matters| at the moment|].
I [checked|searched|read] the [documentation|docs|API docs] but couldn't find it[ there|].
The integration is {integration}.
I'm an [admin|administrator|owner] on the account[, so permissions shouldn't be the issue|].
We'd like to use it for a [nightly|daily|weekly] [sync|import|export][ of our data|].
Our developer {teammate} will take it from there.
""",
    "import_contacts_howto": """
# vocab
import = [import|bring in|upload|load]
contacts = [our contacts|our customer list|our client list|the contacts|our leads]
sheet = [an Excel file|a spreadsheet|a CSV file|an .xlsx file|Google Sheets]
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
How can I <import> <contacts> from <sheet>? We have [about|around|roughly|close to] {big_n} of them.
Is there a way to bulk upload contacts from <sheet> instead of adding them one by one?
We're moving from {old_crm} and have all <contacts> in a spreadsheet. What's the
    [best|easiest|quickest] way to get them into {product}[ without losing anything|]?
[Do you have|Is there|Can you send me] a template for importing contacts? I'm not sure which columns
    you [expect|need|support].
! how [to|do i|can i] import contacts from [google sheets|excel|a csv]
When importing, how do I map our "[Company|Organisation|Account]" column to the
    [organisation|company] field?
Can I <import> contacts together with their [notes and tags|tags and notes|notes, tags and owners]?
! Hello, how I can [put|add|insert] many contacts in one time from a file [excel|of excel|csv]?
Our [marketing|events|sales] team has a list of [event attendees|webinar sign-ups|trade show leads]
    in a spreadsheet. Can we [import|upload] it and tag them all at once?
[What file formats|Which file types|What kind of files] can I import? We have [.xlsx files|Excel
    files|.xls and .xlsx files], not CSV[, will that work|].
If I <import> a contact that already exists, will it be [updated|merged|overwritten] or duplicated?
Is there a [maximum|limit on the] number of rows for [a contacts import|one import|a single import][
    on the {plan} plan|]?
I'm new to {product} and want to <import> <contacts>. [Where is|Where do I find|Where can I find]
    the import [option|button|feature]?
Can I <import> contacts into a specific [team|owner|pipeline] so they're assigned automatically?
Our spreadsheet has [first and last names|first name and surname] in [one column|a single column|the
    same column]. Will the import split them[ automatically|, or do I need to do that first|]?
Before I <import> {big_n} contacts I want to make sure I don't mess anything up. Can I do a test
    import?
How do I <import> phone numbers so that they keep the country code?
My [boss|manager|director] wants all our customers from the old system in {product} by [Friday|next
    week|the end of the month]. What's the quickest way to [import|upload|move] them?
Is it possible to <import> contacts via the mobile app or only on the web?
Where do I find the import history to check what was imported [last time|before|by my colleague]?
# openers
[We just signed up|We're new to {product}|We started our trial] and [the first step|the first
    job|step one] is [getting our contacts in|moving our data over|importing our customers].
[I'm setting up|I'm in charge of setting up|I'm migrating] our [CRM|workspace|account] [this week|at
    the moment|for the team].
# specifics
The [file|spreadsheet|list] has [about|roughly|around] {big_n} rows and [a dozen|ten|fifteen]
    columns, [some of them custom|including a few custom ones|mostly standard].
[I had a look|I looked|I searched] in [Contacts|Settings|the help center] but [didn't find an import
    button|only found the export option|got lost].
# impacts
[We want to|We'd like to|We need to] [start using {product} properly|stop using the old
    system|switch over] [next week|by Monday|this month].
[I'd rather not|I really don't want to] [type them in by hand|add them one by one|spend days on data
    entry][, obviously|].
# details
The file has columns for [name, email, phone, company and city|name, email, phone and company|first
    name, last name, email and phone].
We're on the {plan} plan.
Some contacts have more than one [email address|phone number|email address or phone number].
We're moving the data over from {old_crm}.
I'd appreciate a link to the [right|relevant] help article[, thanks|].
I'm not very technical, so [step-by-step instructions|simple steps|a short walkthrough] would be
    great.
# id_vocab
impor_id = [mengimpor|import|memasukkan|upload]
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
Bagaimana cara <impor_id> kontak dari file [Excel|spreadsheet]? Kami punya sekitar {big_n} kontak.
Apakah bisa upload kontak sekaligus dari file CSV, bukan satu per satu?
Kami pindah dari {old_crm} dan semua kontak ada di spreadsheet. Apa cara terbaik untuk memasukkannya
    ke {product}?
Apakah ada template untuk <impor_id> kontak? Saya tidak tahu kolom apa saja yang dibutuhkan.
! cara import kontak dari [google sheet|excel] [gmn|gimana] ya?
Kalau kontak yang diimpor sudah ada, apakah datanya akan diperbarui atau jadi dobel?
Apakah ada batas maksimal jumlah baris untuk satu kali import?
Saya baru pakai {product} dan ingin memasukkan daftar klien kami. Menu import ada di mana?
Bisakah kontak diimpor beserta catatan dan tag-nya?
Nama depan dan belakang di file kami ada dalam satu kolom, apakah nanti bisa dipisah otomatis?
Bagaimana cara <impor_id> nomor telepon supaya kode negara +62 tidak hilang?
Atasan saya minta semua data pelanggan dari sistem lama sudah masuk minggu ini. Cara import paling
    cepat bagaimana?
# id_openers
Kami baru mulai pakai {product} dan [langkah pertama|pekerjaan pertama] adalah [memindahkan data
    kontak|memasukkan data pelanggan].
# id_specifics
Filenya berisi sekitar {big_n} baris dengan [beberapa kolom tambahan|kolom standar|sekitar sepuluh
    kolom].
# id_impacts
Kami ingin mulai memakai {product} [minggu depan|secepatnya|bulan ini] tanpa [input manual satu per
    satu|mengetik ulang semua data].
# id_details
File kami berisi kolom nama, email, nomor HP, perusahaan, dan kota.
Kami memakai paket {plan}.
Mohon dikirimkan link artikel bantuannya.
Saya kurang paham teknis, jadi mohon penjelasan langkah demi langkah.
Filenya dalam format .xlsx.
""",
    "custom_fields_howto": """
# vocab
field = [a custom field|a new field|an extra field|our own field]
form = [our request form|the intake form|the company form|our web form|the contact form]
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
How do I add <field> to <form>? We need to collect the customer's [contract number|PO number|account
    number].
Is it possible to add a dropdown field with our own options to <form>?
I want to add a "[Contract end date|Renewal date|Start date]" field to the company form. Where do I
    do that?
Can I make <field> required so people can't submit the form without [filling it in|completing it|an
    answer]?
! how [to|do i|can i] add [field|a field|new field] [on|to] [form|the form]
We need <field> for the VAT number on our client form. [Can custom fields do that|Is that what
    custom fields are for|Would a custom field work for that]?
[Where are|Where do I configure|Where can I set up] custom fields? I can only find the default
    fields in the [form editor|form builder|form settings].
! Hello, is possible to put a new field in the form for the [number of employees|size of the
    company|quantity of workers]?
Do custom fields show up on the public web form, or only [internally|inside the app|for our team]?
[What types of|Which kinds of|What] custom fields are supported? We'd need [date, number and a
    multi-select|a date, a number and a dropdown|date, currency and checkbox].
I created a custom field but it doesn't [appear|show up] on <form>. What step did I miss?
Can a custom field be shown only when another field has a certain value ([conditional
    fields|conditional logic|show/hide rules])?
We'd like to reorder the fields on <form> and add [two|three|a couple of] new ones. How?
Is there a limit on how many custom fields we can add on the {plan} plan?
How do I add a checkbox field for [GDPR consent|marketing consent|terms acceptance] to <form>?
Can custom fields be used in [filters and reports|reports and filters|views and reports] once
    they're added to a form?
My manager wants a "[Priority reason|Budget|Decision maker]" text field on the intake form. [Can you
    point me to|Could you show me|Where can I read about] how to set that up?
If I add <field> now, will existing records get an empty value or do I need to fill them in?
Can custom fields be filled [via the API|through the API|by our integration] as well[, or only in
    the app|]?
I'd like to add <field> that only admins can edit. Is that possible?
# openers
[We're customising|We're setting up|I'm adjusting|We're reworking] our forms in {product} [for the
    new process|for a client project|to match how we work|for next quarter].
[I'm the admin|I look after the setup|I'm responsible for the forms] [at {org}|in our workspace|for
    our team] and [I'm stuck on something|have a question|need a pointer].
# specifics
I [looked|searched] in Settings > Forms [and the help center|and the form editor|twice] but [didn't
    see an option|couldn't find it|nothing obvious came up].
[The form|It] [is embedded|sits] on our website and [gets|receives] [a few dozen|about a
    hundred|lots of] submissions a [day|week].
# impacts
[We'd like to|We need to|We want to] [launch the new form|go live with it|start collecting this
    data] [next week|by Monday|this month].
[Right now|At the moment|Today] we [ask for it by email|collect it in a separate spreadsheet|add it
    by hand afterwards], which [is clumsy|wastes time|people forget].
# details
We're on the {plan} plan.
I'm an [admin|administrator] in our [workspace|account][, so I should have access|].
The form is the one we [embed|have embedded|show] on our website.
I looked in Settings > Forms but [didn't see an option|couldn't find anything|found nothing].
A short [video|guide|screenshot] or help article would be [enough|plenty|great].
""",
    "duplicate_charge": """
# vocab
twice = [twice|two times|double]
charge = [charge|payment|debit|transaction]
card = [my card|our company card|the card|our credit card]
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
I was charged <twice> for this [month's|billing period's|cycle's] subscription: two identical
    charges of {amount} on <card>.
Our [credit card|bank|card] statement shows two [payments|charges|debits] to Brightdesk on the same
    day for the [same|exact same|identical] amount.
We [received|got] two invoices for the same [period|month|billing period] and both were
    [charged|paid|taken from the card]. [Please refund one of them|One of them needs to be
    refunded|Please reverse one].
You took the payment <twice>. {amount} on the {day_ord} and again the same amount [an hour later|a
    few minutes later|the next morning].
! double charged. [please fix asap|pls fix|fix this please]
I upgraded from [Starter to Pro|Pro to Enterprise|Free to Starter] and it looks like I was charged
    for both plans [in full|at full price|completely].
The renewal went through <twice>. Our [finance team|accountant|bookkeeper] spotted it [during
    reconciliation|while reconciling|at month-end].
! Hello, in my bank account I see two times the payment for Brightdesk, I think is [an error|a
    mistake|wrong].
Why do I see two charges on <card>? I only have one [workspace|account|subscription][ with you|].
My payment failed the first time, I [re-entered|typed in|added] the card [again|once more|a second
    time], and now both payments have [gone through|been taken|gone out].
There are two [transactions|charges|payments] for {amount} with the same invoice number
    {invoice_no}. One [needs to be|should be|has to be] refunded.
We've been billed <twice> for the annual plan. That's a [significant|big|serious] amount for a
    company our size.
I'm the [office manager|finance manager|bookkeeper] and I noticed a duplicate charge from Brightdesk
    on our company card [this week|yesterday|today].
Our bank flagged two identical [debits|charges|payments] from your company. Can you confirm which
    one is [valid|correct|the real one]?
I think your system charged us <twice> because we changed the number of seats [mid-month|halfway
    through the month|during the billing period].
Please check our account: we were billed <twice> and I can't find any explanation on the billing
    page.
Both my personal card and the company card were charged for the same [subscription|plan|renewal].
The invoice says {amount}, but <card> was debited for double that amount.
I see a pending <charge> and a completed <charge> for the same amount. Is the pending one going to
    [drop off|disappear|be released]?
You charged me <twice> and your billing page only shows one invoice. Where did the second <charge>
    come from?
# openers
[I was going through|While checking|I just reviewed] [our statement|the company card statement|this
    month's expenses] and [something doesn't look right|spotted a problem|found a duplicate].
[Our finance team|Our accountant|My bookkeeper] [flagged|raised|pointed out] [an issue|a billing
    problem|something odd] with [our Brightdesk payments|your charges|this month's payment].
# specifics
[Both|The two] <charge>s [were|went through] [on the {day_ord}|on the same day|within minutes of
    each other], [same amount|identical amounts|each for {amount}].
[This is|It's] the [second|first] time [this has happened|we've seen this|it happens] [this
    year|with your billing|in a few months].
# impacts
[Please|Kindly] [refund|reverse|return] the [duplicate|extra|second] <charge> [to the original
    card|as soon as possible|this week].
[Our|The] [accountant|finance team|auditor] needs a [credit note|written confirmation|corrected
    invoice] for the duplicate[ before month-end|].
# details
[The charges were on|Both charges happened on|The payments went out on] the {day_ord} of {month}.
Invoice number: {invoice_no}.
We're on the {plan} plan, billed {billing_cycle}.
I'd like the duplicate [refunded|returned|reversed] to the original card[, please|].
I can send a screenshot of the [bank statement|card statement|transactions][ if needed|].
This is the [second|third] time this has happened[ this year|].
Our [accountant|bookkeeper|finance team] needs a credit note for the duplicate.
# id_vocab
ganda_id = [dua kali|dobel|ganda]
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
Kartu kredit saya ditagih <ganda_id> untuk langganan bulan ini, masing-masing {amount}.
Di mutasi rekening ada dua pembayaran ke Brightdesk di hari yang sama dengan jumlah yang sama.
Kami menerima dua invoice untuk periode yang sama dan keduanya sudah terbayar. Mohon salah satunya
    dikembalikan.
! kena charge 2x bulan ini, tolong [dicek|dibantu]
Pembayaran pertama gagal, lalu saya masukkan kartu lagi, ternyata dua-duanya berhasil terpotong.
Ada dua transaksi {amount} dengan nomor invoice yang sama, {invoice_no}.
Bagian keuangan kami menemukan tagihan <ganda_id> dari Brightdesk saat rekonsiliasi.
Kami ditagih <ganda_id> untuk paket tahunan, jumlahnya cukup besar untuk perusahaan kami.
Kenapa di kartu saya ada dua tagihan? Saya hanya punya satu workspace.
Setelah upgrade paket, sepertinya kami ditagih penuh untuk paket lama dan paket baru.
Mohon dicek akun kami, ada pembayaran dobel dan di halaman billing tidak ada penjelasannya.
Bank kami menandai dua debit yang identik dari perusahaan Anda. Yang mana yang benar?
# id_openers
[Saat mengecek|Waktu memeriksa] [mutasi rekening|laporan kartu kredit] bulan ini, saya menemukan
    [kejanggalan|masalah].
# id_specifics
Kedua transaksi terjadi [pada tanggal {day_of_month} {month_id}|di hari yang sama|berselang beberapa
    menit], masing-masing {amount}.
# id_impacts
Mohon kelebihan bayarnya [segera dikembalikan|dikembalikan] [ke kartu yang sama|secepatnya|minggu
    ini].
# id_details
Transaksinya tanggal {day_of_month} {month_id}.
Nomor invoice: {invoice_no}.
Mohon kelebihan bayarnya dikembalikan ke kartu yang sama.
Saya bisa kirim screenshot mutasi rekening.
Akuntan kami membutuhkan nota kredit untuk tagihan ganda ini.
""",
    "refund_request": """
# vocab
refund = [a refund|our money back|a refund of the payment|the money back]
payment = [our last payment|the last payment|the latest charge|the renewal payment]
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
I'd like to request <refund> for <payment>; we haven't used the product since the renewal.
We were charged for the annual renewal but we had [decided|already decided|agreed internally] not to
    [continue|renew|stay]. Can we get <refund>?
I accidentally upgraded to the {plan} plan instead of the monthly one. [Could you|Can you|Would you
    be able to] refund the difference?
Is it possible to get a [partial|pro-rated|partial or pro-rated] refund for the remaining months on
    our [annual|yearly|12-month] plan?
! refund [pls|please], we [cancelled|canceled] already
I cancelled before the renewal date but was still charged {amount}. Please refund it.
We added {n} [seats|users|licences] by [mistake|accident] and removed them [the same day|an hour
    later|straight away]. [Can we get those refunded|Could those be refunded|Is a refund for those
    possible]?
! Hello, I want my money back because the software is not [working for|good for|useful for] what we
    need.
[What's your refund policy|How does your refund policy work|Do you offer refunds]? We signed up
    [last week|a few days ago|recently] and [realised|found out|discovered] it's not a [fit|good
    fit|match] for our team.
Our company closed this [department|team|division], so we no longer need the subscription. Is a
    [pro-rated|partial|prorated] refund possible?
My free trial converted to a paid plan without a [reminder|warning|heads-up]. I'd like <refund>
    since I never used it after the trial.
The renewal charged our old card, which belongs to [an employee|a colleague|a manager] who
    [left|left the company|has since left]. [Can you|Could you] refund it and charge [the company
    card|our current card|the new card] instead?
Please refund {amount} to our account; we downgraded at the start of the billing period.
I've been trying to get <refund> for [two weeks|ten days|almost a month]. [Who can actually approve
    it|Who do I need to talk to|Is anyone looking at this]?
We paid for the annual plan in {month} and the product never [worked properly|did what we
    needed|worked well] for us. [I'd like|We'd like|We're asking for] a [full|complete] refund[,
    please|].
Could you please [process|issue|arrange] a refund for invoice {invoice_no}? It was paid by
    [mistake|accident].
I'm requesting <refund> on behalf of my manager; she was charged personally for the team plan.
Is it possible to receive the refund as [credit|account credit|a credit] towards next year instead?
I requested <refund> through the chat last week and haven't heard back. Any update?
We're a [non-profit|charity|registered non-profit] and were charged the full rate instead of the
    discounted one; can the difference be refunded?
# openers
[We've decided|Our company decided|Management decided] to [stop using|move away from|not continue
    with] {product}[ this year| for now|].
[I'm handling|I look after|I'm in charge of] [software subscriptions|our vendor payments|the
    accounts] at {org}[ and need your help with a payment|].
# specifics
The payment of {amount} was taken on the {day_ord} of {month}[, invoice {invoice_no}|].
[Nobody|No one] on our team has [logged in|used the product|opened {product}] since [the
    renewal|that payment|{month}].
# impacts
[Please|Kindly] [refund it|return it|send it back] to the original payment method[ as soon as you
    can|, thank you|].
[I'd appreciate|We'd appreciate|Please send] a confirmation email once [it's processed|the refund is
    done|it's done].
# details
Invoice: {invoice_no}.
The amount was {amount}.
[The payment was made|We paid|The charge went through] on the {day_ord} of {month}.
Please refund [to|it to] the original payment method[, not as credit|].
We've already [exported our data|downloaded everything we need][ and removed our users|].
I'd appreciate a confirmation email once it's [processed|done|been issued].
# id_vocab
refund_id = [pengembalian dana|refund|uang kembali]
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
Saya ingin mengajukan <refund_id> untuk pembayaran terakhir karena kami tidak memakai layanan ini
    lagi.
Kami sudah membatalkan sebelum tanggal perpanjangan, tapi tetap ditagih {amount}. Mohon
    dikembalikan.
Saya tidak sengaja upgrade ke paket {plan}. Apakah selisihnya bisa di-refund?
Apakah bisa <refund_id> sebagian untuk sisa bulan di paket tahunan kami?
! mau refund, kami [udah|sudah] [gak|ga|tidak] pakai lagi
Bagaimana kebijakan <refund_id> di {product}? Kami baru daftar minggu lalu dan ternyata kurang
    cocok.
Masa trial saya otomatis berubah jadi berbayar tanpa pemberitahuan. Mohon uangnya dikembalikan.
Sudah dua minggu saya menunggu proses <refund_id>. Siapa yang bisa menyetujuinya?
Mohon proses <refund_id> untuk invoice {invoice_no}, pembayaran itu terjadi karena salah klik.
Divisi kami sudah ditutup sehingga langganan ini tidak dibutuhkan lagi. Apakah bisa refund secara
    prorata?
Kami menambahkan {n} seat karena salah input dan langsung menghapusnya hari itu juga. Bisa
    di-refund?
Apakah <refund_id> bisa diberikan dalam bentuk kredit untuk tahun depan?
# id_openers
Kami [sudah memutuskan|memutuskan|akhirnya memutuskan] untuk berhenti memakai {product} [tahun
    ini|untuk sementara|].
# id_specifics
Pembayarannya {amount} pada tanggal {day_of_month} {month_id}.
# id_impacts
Mohon dikembalikan ke metode pembayaran yang sama [secepatnya|jika memungkinkan|minggu ini].
# id_details
Jumlahnya {amount}.
Mohon dikembalikan ke metode pembayaran yang sama.
Data kami sudah kami ekspor.
Mohon kirim email konfirmasi jika sudah diproses.
Pembayarannya tanggal {day_of_month} {month_id}.
""",
    "vat_id_missing_invoice": """
# vocab
vatid = [our VAT number|our VAT ID|our tax ID|our VAT registration number|our tax number]
invoice = [the invoice|the invoices|your invoices|the invoice PDF]
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
<vatid> doesn't appear on <invoice>, so our [accountant|bookkeeper|finance team] can't book them.
I entered <vatid> in the billing settings but it's still missing from <invoice>.
We're an EU business and need <vatid> on the invoice for reverse charge. Where do I add it?
<invoice> you send don't show <vatid>. [Can you|Could you|Would you] reissue the last {n_small}
    invoices with it?
! [vat id|vat number|tax id] not on invoice, need it for [accounting|our accountant|bookkeeping]
Our [auditors|accountants|tax advisors] flagged that <invoice> don't include <vatid>.
Is there a field for [the tax ID|a VAT number|our tax number]? I can only find company name and
    address in [billing|the billing settings|the billing details].
! Hello, the invoice is missing our VAT number {vat_id}, please [add it|put it|include it].
Without <vatid> on the invoice we can't reclaim the VAT. This needs fixing.
I saved our [GST number|tax number|VAT number] under billing details, but the [new|latest|next]
    invoice still doesn't show it.
Could you regenerate invoice {invoice_no} with <vatid> included?
We were charged VAT even though we [provided|entered|gave you] a valid VAT ID. [Also|On top of
    that|And] the ID isn't printed on the invoice.
The tax ID appears on the [receipt email|payment receipt|emailed receipt] but not on <invoice>.
Our [finance department|accounting team|controller] requires the customer VAT number on every
    supplier invoice, please add ours.
I'm the bookkeeper for {org}. <invoice> we receive from you are missing <vatid>.
When I add the VAT ID in settings it says "saved" but it [disappears|is gone|vanishes] when I
    [reload|refresh|come back to] the page.
We've asked for this before: please include <vatid> on invoices going forward.
Is it possible to show both <vatid> and our company registration number on invoices?
Your invoice template doesn't seem to have a [place|field|spot] for the customer's [tax ID|VAT
    number] at all.
The VAT number on our invoice is an [old|outdated|expired] one; the new one we entered [is not
    used|doesn't show up|is ignored].
# openers
[I'm sorting out|I'm reconciling|I'm preparing] [our VAT return|the quarterly VAT filing|our books
    for the quarter] and [ran into a problem|found an issue|got stuck] with [your invoices|the
    Brightdesk invoices].
[Our accountant|Our tax advisor|Our finance team] [sent back|rejected|returned] [the Brightdesk
    invoices|your invoices|last month's invoice] [this week|yesterday|again].
# specifics
[It's|This affects] [the last|all of the last|our last] {n_small} invoices, [including|most
    recently] {invoice_no}.
We're [based|registered] in {country} and [our VAT ID|our number|the number] is {vat_id}.
# impacts
We need corrected invoices before the [quarter closes|VAT deadline|end of the month][, otherwise we
    lose the deduction|].
[Without it|Until then|As it stands] we [can't reclaim the VAT|can't book the invoices|are paying
    VAT we shouldn't].
# details
Our VAT ID is {vat_id}.
We're based in {country}.
Invoice number {invoice_no}.
We need corrected invoices before the [quarter closes|end of the quarter|VAT return is due].
We're on the {plan} plan, billed {billing_cycle}.
""",
    "dark_mode_request": """
# vocab
dark = [a dark mode|dark mode|a dark theme|a night mode]
bright = [very bright|blinding|too bright|glaring]
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
Would you consider adding <dark>? Many of us work late and the white interface is <bright>.
Please add <dark> to the web app. It's the [one thing|only thing|main thing] I miss compared to
    [other tools|the tools we used before|our old CRM].
[Are there any plans|Is there a plan|Do you have plans] for [dark mode|a dark theme]? I'd love to
    use it on [both desktop and mobile|my laptop and my phone|the web and in the app].
Feature request: <dark> that follows the operating system setting.
! [dark mode pls|dark mode please|pls dark mode]
Our [support|night|operations] team works [night shifts|late shifts|evenings] and the bright screens
    are [tiring|exhausting|hard on the eyes]. <dark> would help a lot.
Is there a way to make the [interface|app|screen] darker? I couldn't find a [theme setting|setting
    for it|theme option].
! Hello, it's possible to have the [dark mode|mode dark|black mode] in the
    [application|app|program]? For the eyes is [better|more good|healthier].
I have a light sensitivity condition and <dark> would make the product much more accessible for me.
Just a [suggestion|thought|small idea]: a dark theme [option|toggle|switch] in user settings.
    Everything else in my [setup|workspace|desktop] is dark already.
Every other app on my phone is in dark mode and {product} is <bright> at night.
I'd happily pay a bit more for <dark>, honestly.
Could you add a [high-contrast|high contrast] or dark [theme|mode]? Some of our users have visual
    [impairments|difficulties|problems].
Is [dark mode|a dark theme] on the roadmap? I saw a [forum post|community post|comment] from last
    year saying it was planned.
I use a browser extension to force dark mode on {product} but it breaks the [charts|icons|layout]. A
    [native|built-in|proper] dark mode would be [great|so much better|very welcome].
Our designers asked me to pass this on: they would really like <dark>.
! Please, please, please add [dark mode|a dark theme|dark mode already].
<dark> would make long sessions in the app much more comfortable.
Any chance of <dark> for the mobile app at least?
Adding a vote for dark mode from the whole team at {org}.
# openers
[We use|I use|Our team uses|We work in] {product} [all day|for hours every day|late into the
    evening][, and we love it|, mostly happily|].
[Small|Little|Quick] [feature request|suggestion|wish] [from our side|from the team|for the
    roadmap].
# specifics
[Most of us|Half the team|Several of us] [work|are online] [late|in the evening|night shifts], when
    the [white|bright|light] screen [really hurts|is hard on the eyes|is tiring].
[Ideally|Best case|If possible] it would [follow the system setting|switch automatically at
    night|sync with the OS theme].
# impacts
[It would|That would] [make long days easier|save our eyes|make the app nicer to use] [for the whole
    team|for me and my colleagues|for everyone here].
# details
It would be [great|ideal|perfect] if it followed the system setting [automatically|by itself].
[Mobile|The phone app|The mobile app] is where I'd use it most.
{n} people on my team asked me to [send this|pass this on|write to you].
Other tools we use, like [Slack and Notion|Slack and Gmail|Notion and Figma], already have it.
Thanks for [considering it|thinking about it|reading].
""",
    "slack_integration_request": """
# vocab
slackint = [a native Slack integration|a Slack integration|a proper Slack app|an official Slack
    integration]
updates = [updates|notifications|alerts]
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
Do you have <slackint>? We'd like new [deals|leads|records] to be posted in a channel
    [automatically|as they come in].
Feature request: a Slack app so we can get <updates> in Slack instead of email.
We currently use [Zapier|Make|n8n] to push <updates> to Slack, but it's fiddly and costs extra.
    <slackint> would be much better.
Is there any way to connect {product} to our Slack workspace[ today| at the moment|]?
! slack integration would be [great|awesome|nice]. any plans?
It would be great to create a task from a Slack message, like [other tools|other apps|Asana and
    Jira] allow.
Our team lives in Slack. Without an integration, people just miss <updates> in {product}.
! Hello, we want to receive the notifications in Slack, is this possible [or in the future|now or
    later|in the future]?
Could you build <slackint> that posts a [daily|weekly|morning] summary to a channel?
We're evaluating {product} against competitors and the lack of <slackint> is a real drawback for us.
I'd love slash commands in Slack to look up a [customer record|contact|deal] quickly.
Please add <slackint> with per-channel filters, so sales <updates> go to #sales and support
    <updates> to #support.
Is <slackint> on the roadmap? I couldn't find it in your [integrations list|marketplace|integrations
    page].
We'd like [mentions|assignments|comments] in {product} to arrive as Slack DMs.
The webhook workaround for Slack is too technical for our [team|admins|non-developers]. A
    [proper|real|native] app would help a lot.
Our [manager|sales lead|head of support] asked whether {product} can send alerts to Slack when a
    high-priority item is created.
Any chance of a [Microsoft Teams or Slack|Slack or Teams] integration? Slack is [more important|the
    priority|what matters most] for us.
We'd pay for an add-on if it gave us <slackint>.
When a [client|customer] replies, we'd like a notification in a shared Slack channel. [Can you add
    that|Could you add that|Is that possible]?
A two-way Slack integration (reply from Slack, update in {product}) would save us [hours|a lot of
    time|several hours] every week.
# openers
[Our whole company|Our team|Everyone here] [runs on|lives in|works out of] Slack[ these days| all
    day|].
[Feature request|Suggestion|A wish] [from|on behalf of] [our team|the sales team|our ops people][ at
    {org}|].
# specifics
[We have|There are] {n} people in our Slack workspace and [most|all|nearly all] of them [also
    use|work in|are in] {product}.
[Right now|At the moment|Currently] we use {integration} as a workaround[, which breaks now and
    then|, but it's clunky|].
# impacts
[It would|That would] save us [a lot of|lots of|so much] [time|back and forth|copy and paste] [every
    week|each day|].
# details
We have {n} [people|users|members] in our Slack workspace[, all active|].
Right now we use {integration} as a workaround.
Notifications for new and updated [records|deals|tickets] would be [enough|plenty] to start with.
Happy to [beta test|test it|try an early version] if you build it.
It doesn't need to be [fancy|complicated|perfect].
""",
    "bulk_edit_request": """
# vocab
bulk = [bulk edit|bulk editing|a mass update|mass editing]
records = [records|contacts|deals|items]
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
Is there a way to edit multiple <records> at once? I need to change the owner on
    [about|around|roughly] {big_n_small} contacts.
Feature request: <bulk>. Select several <records> in the list and change a field for all of them.
We reorganised our sales territories and now I have to update hundreds of <records> one by one.
    Please add <bulk>.
Can I change the status of [many|lots of|a batch of] tasks at the same time? I can only find
    [delete|archive and delete] in the bulk actions.
! [bulk edit|mass edit|bulk editing] would save me [hours|so much time|days]
Please add a mass update option, at least for [owner, status and tags|owner and status|status and
    tags].
! Hello, is possible to [modify|change|edit] many records in one time? Now I do one by one and it
    takes [all day|all the day|very long].
When someone leaves the company we need to reassign all their <records>. Without <bulk> that's a
    whole afternoon.
I'd love a "select all" checkbox with an "edit field" action, like in [spreadsheets|Excel|Google
    Sheets].
Our admin spends hours every month updating <records> manually. <bulk> would be a huge time saver.
Is <bulk> on the roadmap? We'd use it [weekly|every week|all the time].
Can we at least add tags to multiple <records> at once?
We imported data with a wrong value in [one column|a column|the status column]. Is there any way to
    fix it in bulk rather than [editing each record|going record by record|one by one]?
I miss the ability to edit several [items|records|rows] at once. It's the [main|biggest|number one]
    complaint from my team.
Please consider adding <bulk> to the mobile app too.
Changing the pipeline stage for {n} deals at once would be [really helpful|a big help|great].
Is there an API endpoint for [bulk updates|updating many records|mass updates]? If not, could you
    add <bulk> in the UI?
<bulk> with an undo would make our clean-ups much easier.
Our manager wants to move all <records> from one project to another in one go. Is that possible?
Every spreadsheet can do this; it's surprising that {product} can't edit <records> in bulk.
# openers
[We're cleaning up|We're tidying|I'm reorganising] our [data|pipeline|CRM] [this month|after a
    reorg|before the new quarter].
[Feature request|A request|Suggestion] from [a heavy user|our admin team|someone who clicks a lot].
# specifics
We have about {big_n} <records> and [regularly|often|every month] need to [change owners|update
    statuses|retag] [for dozens of them|in batches|for a few hundred].
[Export, edit and re-import|Exporting and re-importing|A CSV round trip] is our current workaround,
    but it's [error-prone|risky|slow].
# impacts
[It would|That would] [save|free up] [hours|days|a lot of time] [every month|each quarter|for our
    admins].
# details
We have about {big_n} records.
[Owner and status|Owner, status and tags|Status and owner] are the fields we'd change most.
We're on the {plan} plan.
[Export, edit and re-import|Exporting and re-importing] is our current workaround, but it's
    [error-prone|slow|risky].
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
Just wanted to say thank you for the [quick|fast|speedy] and friendly help [yesterday|today|this
    morning]. [Problem solved in minutes|Sorted in minutes|All fixed in no time].
Your support team is [fantastic|brilliant|excellent]. {agent} went above and beyond to help us.
We've been using {product} for [a year|about a year|two years] now and it has [completely|really]
    changed how our team works. Thank you!
Thanks for fixing the issue so quickly, [really appreciated|much appreciated|it really helped].
! great product, great [support|service|team]. [thanks|thank you|cheers]
I rarely write these, but the help I got from {agent} today was [excellent|outstanding|superb].
! Hello, I want to say thanks for the help, you are very [kind|nice|friendly] and fast.
Compliments to the whole team, the [new update|latest release|new version] is really [nice|good|well
    done].
[Best|The best] support experience I've had with any software [company|vendor]. Keep it up!
My team [loves|really likes|is happy with] {product}. Onboarding the new people was [painless|easy|a
    breeze].
Thanks {agent}! Everything works now and the explanation was [very clear|really clear|easy to
    follow].
I'm the manager at {org} and wanted to pass on the team's thanks for the training session last week.
Kudos to your support team for answering at [8pm|9pm|7pm] on a [Friday|Sunday|holiday].
No problem to report, just a [thank you|thanks|quick thank you]. The product does exactly what we
    need.
You helped me get our [import|migration|setup] done before the deadline. I owe you one!
Really impressed with how [fast|quickly] you [responded|replied|got back to me]. Thank you so much.
We evaluated [five|several|four] tools and chose {product} because of your support. So far it has
    been [worth it|the right call|a good decision].
Thank you for your patience explaining the [settings|setup|reports] to me, I'm not very technical.
Just a quick note to say the product is great and the team is [happy|very happy|delighted].
Amazing job on the latest release, it made our daily work [faster|easier|smoother].
# openers
[We've been customers|We've used {product}|We've been on {product}] [for a while now|since last
    year|for a couple of years] and [I wanted to say something|I've been meaning to write|it's time
    I said this].
# specifics
[The whole exchange|It all|Everything] took [less than an hour|just a few minutes|one short email],
    [which is rare|and that's rare these days|remarkably quick].
# impacts
[It saved|That saved|You saved] us [a lot of stress|a whole day|a big headache] [this week|before
    our deadline|with a client].
# details
Please pass this on to {agent}'s manager.
We'll definitely recommend you to other [companies|businesses|people we know].
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
        "[Any help would be|Any help is|Your help would be] [appreciated|much appreciated].",
        "Thanks in advance.",
        "[Let me know|Just let me know|Tell me] if you need [more information|more details].",
        "Looking forward to [your reply|hearing from you|your answer].",
        "Please advise.",
        "Hope you can help.",
        "I couldn't find anything about this in the [help center|help centre|knowledge base].",
        "Happy to jump on a call if that's [easier|quicker|simpler].",
        "Sorry if this has been asked [before|already].",
        "[Let me know|Tell me] if you need [screenshots|a screenshot|a screen recording].",
    ),
    "defect": (
        "This is urgent for us.",
        "Please help asap.",
        "We need this fixed today.",
        "[This is blocking|This blocks|It's blocking] our work.",
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

# Words every theme text may use as <name>; a theme's own "# vocab" section adds more.
COMMON_VOCAB: dict[str, str] = {
    "since": (
        "[since {weekday}|since last week|for a few days now|for about two weeks|since yesterday"
        "|since the start of the week|for over a week|for the past couple of days"
        "|since the beginning of the month]"
    ),
    "often": "[every time|every single time|each time|again and again|over and over|without fail]",
    "colleagues": (
        "[my colleagues|people on my team|my teammates|a few colleagues|others in the office"
        "|the rest of the team]"
    ),
    "since_id": (
        "[sejak hari {weekday_id}|sejak minggu lalu|sejak kemarin|beberapa hari terakhir ini"
        "|sejak awal minggu|sudah sekitar dua minggu]"
    ),
    "colleagues_id": "[rekan kerja saya|tim saya|beberapa rekan|teman-teman di kantor]",
}

WINDOW_END = WINDOW_START + timedelta(days=WINDOW_DAYS)
EMERGING_START = WINDOW_END - timedelta(days=EMERGING_DAYS)
PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")
VOCAB_REF = re.compile(r"<([a-z_]+)>")
EMPTY_OPTION = "\x00"  # stands in for an empty [a|] choice until the spacing is tidied
THEME_TEXT_SECTIONS: tuple[str, ...] = (
    "subjects",
    "cores",
    "openers",
    "specifics",
    "impacts",
    "details",
    "id_subjects",
    "id_cores",
    "id_openers",
    "id_specifics",
    "id_impacts",
    "id_details",
)
# A core line starting with this marker is a complete statement in its own voice (terse, angry,
# non-native); it never gets an opener, specifics or impact sentence added around it.
STANDALONE = "! "
# Chance that a core statement gets an opener, a specifics sentence and an impact sentence.
CORE_PART_CHANCES: tuple[float, float, float] = (0.4, 0.5, 0.4)
# People do not repeat each other word for word: once a sentence (lower-cased, digits removed) is
# in this many tickets, the generator redraws that part up to FRESH_TRIES times for a fresher
# wording. Core parts and details have separate caps.
CORE_REPEAT_CAP = 4
DETAIL_REPEAT_CAP = 8
FRESH_TRIES = 12
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n")
MIN_COUNTED_SENTENCE = 25


# ---------------------------------------------------------------------------------------------
# Data types.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeText:
    """The phrasings of one theme, in English and (optionally) Indonesian."""

    subjects: tuple[str, ...]
    cores: tuple[str, ...]
    details: tuple[str, ...]
    openers: tuple[str, ...] = ()
    specifics: tuple[str, ...] = ()
    impacts: tuple[str, ...] = ()
    id_subjects: tuple[str, ...] = ()
    id_cores: tuple[str, ...] = ()
    id_openers: tuple[str, ...] = ()
    id_specifics: tuple[str, ...] = ()
    id_impacts: tuple[str, ...] = ()
    id_details: tuple[str, ...] = ()

    def section(self, name: str, indonesian: bool) -> tuple[str, ...]:
        """The English or Indonesian items of section ``name`` ("cores", "details", ...)."""
        items: tuple[str, ...] = getattr(self, f"id_{name}" if indonesian else name)
        return items


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
    core: str = ""
    seen: Counter[str] = field(default_factory=Counter)  # shared by all tickets of one run


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
    core: str = ""  # the problem statement as composed, before typos; not exported

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
    """Parse a ``THEME_TEXT`` block into its sections, spelling out ``<word>`` references.

    ``# vocab`` and ``# id_vocab`` define words for the block (``word = [a|b|c]``, one per
    line); ``COMMON_VOCAB`` holds the words every block may use.
    """
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in block.splitlines():
        if not raw.strip():
            continue
        if raw.startswith("# "):
            name = raw[2:].strip()
            if name not in (*THEME_TEXT_SECTIONS, "vocab", "id_vocab"):
                raise ValueError(f"unknown theme text section {name!r}")
            current = sections.setdefault(name, [])
        elif current is None:
            raise ValueError(f"theme text line before any section: {raw!r}")
        elif raw.startswith("    "):
            current[-1] = f"{current[-1]} {raw.strip()}"
        else:
            current.append(raw.strip())
    vocab = dict(COMMON_VOCAB)
    for line in sections.pop("vocab", []) + sections.pop("id_vocab", []):
        name, _, words = line.partition(" = ")
        vocab[name.strip()] = words.strip()

    def resolve(template: str, depth: int = 0) -> str:
        if depth > 5:
            raise ValueError(f"vocabulary nests too deeply in {template!r}")
        return VOCAB_REF.sub(lambda m: resolve(vocab[m.group(1)], depth + 1), template)

    return ThemeText(
        **{name: tuple(resolve(item) for item in items) for name, items in sections.items()}
    )


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


def split_options(template: str, start: int) -> tuple[list[str], int]:
    """The top-level options of the ``[a|b|c]`` group opening at ``start``, and where it ends."""
    options: list[str] = []
    depth, begin = 0, start + 1
    for i in range(start, len(template)):
        char = template[i]
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                options.append(template[begin:i])
                return options, i + 1
        elif char == "|" and depth == 1:
            options.append(template[begin:i])
            begin = i + 1
    raise ValueError(f"unbalanced [ in template {template!r}")


def choose_options(rng: Random, template: str) -> str:
    """Replace each ``[a|b|c]`` group by one of its options (recursively); "" marks an empty one."""
    out: list[str] = []
    i = 0
    while i < len(template):
        char = template[i]
        if char == "[":
            options, i = split_options(template, i)
            chosen = choose_options(rng, rng.choice(options))
            out.append(chosen or EMPTY_OPTION)
            continue
        if char in "|]":
            raise ValueError(f"stray {char!r} in template {template!r}")
        out.append(char)
        i += 1
    return "".join(out)


def expand(rng: Random, template: str) -> str:
    """Pick one option of every ``[a|b|c]`` group; ``[a|]`` makes ``a`` optional.

    Groups nest, and the spaces around a group that came out empty are tidied up, so
    "It [really |]hurts[ a lot|]." gives "It really hurts a lot.", "It hurts." and so on.
    """
    text = choose_options(rng, template)
    if EMPTY_OPTION not in text:
        return text
    text = re.sub(f" *{EMPTY_OPTION}(?=[ ,.;:!?)]|$)", "", text).replace(EMPTY_OPTION, "")
    return re.sub(r"  +", " ", text).strip()


def fill(rng: Random, template: str, ctx: Ctx) -> str:
    """Choose among the ``[a|b]`` alternatives of ``template``, then fill every placeholder."""
    return PLACEHOLDER.sub(lambda match: value(rng, ctx, match.group(1)), expand(rng, template))


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
    """Fail early on a bad ``[a|b]`` group or a placeholder without a resolver.

    Theme texts may not plant PII: ``fresh`` may fill a template and then discard it.
    """
    templates: list[str] = [spec.app_path for spec in THEMES]
    for text in texts.values():
        for name in THEME_TEXT_SECTIONS:
            templates.extend(getattr(text, name))
            for template in getattr(text, name):
                if {"phone", "card", "pemail", "cemail"} & set(PLACEHOLDER.findall(template)):
                    raise ValueError(f"theme text plants PII: {template!r}")
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
    for pool in (*FILLERS_EN.values(), *FILLERS_ID.values()):
        templates.extend(pool)
    for template in templates:
        choose_options(Random(0), template)
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


def normal_form(sentence: str) -> str:
    """A sentence lower-cased, without digits and with single spaces (for counting repeats)."""
    return " ".join(re.sub(r"\d", "", sentence.lower()).split())


def sentence_keys(text: str) -> set[str]:
    """The normal forms of the sentences of ``text`` that are long enough to count."""
    keys = {normal_form(part) for part in SENTENCE_BREAK.split(text)}
    return {key for key in keys if len(key) >= MIN_COUNTED_SENTENCE}


def capitalize_sentences(text: str) -> str:
    """Upper-case the first letter of every sentence (a word like <dash> may start lower-case)."""
    return re.sub(r"(^|[.!?] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def fresh(rng: Random, templates: Sequence[str], ctx: Ctx, cap: int) -> tuple[str, str]:
    """A template from ``templates`` and its filled text, avoiding overused sentences.

    Draws again (at most ``FRESH_TRIES`` times) while some sentence of the result is already in
    ``cap`` tickets, keeping the least-used draw; a leading ``STANDALONE`` marker is dropped from
    the text. The sentences of the result are then counted in ``ctx.seen``.
    """
    best: tuple[str, str] = ("", "")
    best_load = -1
    for _ in range(FRESH_TRIES):
        template = rng.choice(templates)
        if template.startswith(STANDALONE):
            filled = fill(rng, template[len(STANDALONE) :], ctx)
        else:
            filled = capitalize_sentences(fill(rng, template, ctx))
        load = max((ctx.seen[key] for key in sentence_keys(filled)), default=0)
        if best_load < 0 or load < best_load:
            best, best_load = (template, filled), load
        if load < cap:
            break
    ctx.seen.update(sentence_keys(best[1]))
    return best


def core_statement(rng: Random, text: ThemeText, ctx: Ctx) -> list[str]:
    """The sentences that state the ticket's problem, composed from independently drawn parts.

    A core line (with its ``[a|b]`` groups chosen independently) is always there. Unless the
    line is marked standalone, an opener may come before it, and a specifics sentence (when, how
    often, how many) and an impact sentence (what it costs, what is needed) may follow, each drawn
    from its own section of the theme's text.
    """
    indonesian = ctx.lang == "id"
    template, statement = fresh(rng, text.section("cores", indonesian), ctx, CORE_REPEAT_CAP)
    if template.startswith(STANDALONE):
        return [statement]
    opener_chance, specifics_chance, impact_chance = CORE_PART_CHANCES
    openers = text.section("openers", indonesian)
    specifics = text.section("specifics", indonesian)
    impacts = text.section("impacts", indonesian)
    parts: list[str] = []
    if openers and rng.random() < opener_chance:
        parts.append(fresh(rng, openers, ctx, CORE_REPEAT_CAP)[1])
    parts.append(statement)
    tail: list[str] = []
    if specifics and rng.random() < specifics_chance:
        tail.append(fresh(rng, specifics, ctx, CORE_REPEAT_CAP)[1])
    if impacts and rng.random() < impact_chance:
        tail.append(fresh(rng, impacts, ctx, CORE_REPEAT_CAP)[1])
    if len(tail) == 2 and rng.random() < 0.3:
        tail.reverse()
    return parts + tail


def content_sentences(
    rng: Random, spec: ThemeSpec, text: ThemeText, ctx: Ctx, typos: bool
) -> list[str]:
    """The 1-7 sentences that carry the ticket's meaning (plus planted contact/PII details)."""
    indonesian = ctx.lang == "id"
    details = text.section("details", indonesian)
    fillers = FILLERS_ID if indonesian else FILLERS_EN
    core = core_statement(rng, text, ctx)
    ctx.core = " ".join(core)
    sentences = list(core)
    n_details = rng.choices((0, 1, 2, 3, 4), weights=(30, 36, 21, 10, 3))[0]
    # A detail that would restate a value the core already gave (a date, a count) is left out.
    fresh_details = [d for d in details if not set(PLACEHOLDER.findall(d)) & set(ctx.values)]
    picked = [
        fresh(rng, (d,), ctx, DETAIL_REPEAT_CAP)[1]
        for d in rng.sample(fresh_details, min(n_details, len(fresh_details)))
    ]
    if picked and rng.random() < 0.18:
        sentences.insert(0, picked.pop(0))
    sentences.extend(picked)
    if rng.random() < 0.45:
        pool = fillers.get(spec.kind, ())
        if spec.kind != "praise":
            pool = fillers["all"] + pool
        if pool:
            sentences.append(fill(rng, rng.choice(pool), ctx))
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
    room = max(len(core), 7 - len(extra))
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
VIA_WEIGHTS: tuple[float, ...] = (55, 32, 7, 6)


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
    seen: Counter[str],
) -> Ticket:
    """One themed ticket with its text and metadata (``seen`` counts sentences used so far)."""
    org = pick_org(rng, orgs, lang, spec.slug)
    person = rng.choice(org.people)
    created = sample_created(rng, weights, COUNTRIES[org.country].utc_offset)
    ctx = Ctx(org, person, rng.choice(AGENTS), created, lang, spec.slug, seen=seen)
    via = weighted(rng, VIA, VIA_WEIGHTS)
    typo_chance = {"Chat": 0.28, "Email": 0.15, "Web form": 0.16, "Phone": 0.0}[via]
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
        quoted = via == "Email" and rng.random() < 0.09
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
        core=ctx.core,
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


def generate(seed: int = SEED, scale: float = 1.0) -> Dataset:
    """Build the whole dataset from ``seed``.

    ``scale`` multiplies every theme's size and Indonesian count, and the numbers of empty and
    duplicate rows (each rounded), for bigger or smaller exports with the same themes and
    proportions: ``scale=34`` makes about 100,000 tickets. The default, 1.0, makes the committed
    sample, byte for byte.
    """
    if scale <= 0:
        raise ValueError(f"scale must be positive, not {scale}")
    rng = Random(seed)
    texts = {spec.slug: parse_theme_text(THEME_TEXT[spec.slug]) for spec in THEMES}
    check_placeholders(texts)
    orgs = build_orgs(rng)
    seen: Counter[str] = Counter()
    tickets: list[Ticket] = []
    for spec in THEMES:
        weights = day_weights(spec.profile)
        size, n_indonesian = round(spec.size * scale), round(spec.n_indonesian * scale)
        langs = ["id"] * n_indonesian + ["en"] * (size - n_indonesian)
        rng.shuffle(langs)
        for lang in langs:
            tickets.append(make_ticket(rng, spec, texts[spec.slug], lang, orgs, weights, seen))
    for _ in range(round(N_EMPTY * scale)):
        tickets.append(make_empty_ticket(rng, orgs))
    tickets.sort(key=lambda ticket: ticket.created)
    next_id = FIRST_ID
    for ticket in tickets:
        ticket.ticket_id = next_id
        next_id += 1 + rng.choices((0, 1, 2, 3), weights=(80, 12, 5, 3))[0]

    rows = [ticket.row() for ticket in tickets]
    candidates = [i for i, ticket in enumerate(tickets) if ticket.slug != EMPTY_THEME]
    insertions: list[tuple[int, int]] = []
    for source in sorted(rng.sample(candidates, round(N_DUPLICATES * scale))):
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
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="multiply every theme's size (default 1: the committed sample of about 2,900 tickets)",
    )
    args = parser.parse_args(argv)
    if args.scale != 1 and args.out_dir.resolve() == Path(__file__).resolve().parent:
        parser.error("--scale needs --out-dir: the files in sample_data/ are the scale-1 sample")
    dataset = generate(scale=args.scale)
    write_dataset(dataset, args.out_dir)
    print(summary(dataset))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

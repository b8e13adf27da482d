"""The console's words, Swedish first and English second.

Label ids (intents, themes, statuses) get their display names from
``storage.vocabulary``; everything else the console says is here, keyed the
same in both languages (a test checks that every key used exists in both).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from storage.vocabulary import display_name

LANGUAGES = ("sv", "en")

TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        "app.title": "Trygg – ärendekö",
        "app.officer": "Inloggad: {officer}",
        # keys (footer, help, command palette)
        "key.help": "Hjälp", "key.lang": "English", "key.watch": "Grannsamverkan", "key.stats": "Statistik",
        "key.back": "Tillbaka", "key.reload": "Uppdatera", "key.export": "Kör veckoexport", "key.open": "Öppna",
        "key.search": "Sök", "key.filter": "Filter", "key.claim": "Ta", "key.assign": "Tilldela",
        "key.status": "Status", "key.priority": "Prioritet", "key.reclassify": "Omklassa",
        "key.note": "Anteckna", "key.reply": "Svara", "key.merge": "Slå ihop", "key.redact": "Maskera",
        "key.block": "Blockera", "key.original": "Visa originaltext", "key.identity": "Visa identitet",
        "key.attachments": "Bilagor", "key.invitations": "Inbjudningslista (CSV)", "key.queue": "Kö",
        "key.quit": "Avsluta", "key.palette": "Kommandon", "key.clear_search": "Rensa sökning", "key.view": "Vy: {view}",
        "key.up": "Upp", "key.down": "Ned", "key.page": "Sida upp/ned", "key.ends": "Första/sista",
        "help.title": "Tangenter", "help.views": "Vyer", "help.actions": "Åtgärder på valt ärende",
        "help.navigation": "Navigera", "help.general": "Allmänt", "help.close": "Esc eller ? stänger",
        "help.legend": "Teckenförklaring: ‼ akut, ! hög prioritet, ● nytt sedan du öppnade konsolen. "
                       "Teman: {themes}",
        # saved views
        "view.open": "Öppna", "view.new": "Nya", "view.urgent": "Akut", "view.mine": "Mina",
        "view.watch": "Grannsamverkan", "view.feedback": "Synpunkter", "view.all": "Alla",
        # queue
        "col.ref": "Referens", "col.age": "Tid", "col.intent": "Typ", "col.themes": "Tema", "col.place": "Plats",
        "col.lang": "Spr", "col.status": "Status", "col.assignee": "Handl.", "col.text": "Text",
        "queue.summary": "{count} ärenden · {view}", "queue.filters": " · filter: {filters}",
        "queue.search": " · sök: ", "queue.empty": "Inga ärenden matchar.", "queue.loading": "hämtar …",
        "search.placeholder": "Sök i texter eller referens, Enter söker, Esc tillbaka",
        "notify.urgent": "Akut: {ref} {place}", "notify.new": "{count} nya ärenden",
        "age.now": "nu", "age.minutes": "{n}m", "age.hours": "{n}t", "age.days": "{n}d", "age.weeks": "{n}v",
        # detail
        "detail.text": "Text", "detail.labels": "Klassificering", "detail.explain": "Förklaring",
        "detail.place": "Plats", "detail.coords": "Koordinater", "detail.occurred": "När det hände",
        "detail.citizen": "Medborgare", "detail.attachments": "Bilagor", "detail.thread": "Ärendetråd",
        "detail.notes": "Interna anteckningar", "detail.duplicates": "Möjliga dubbletter",
        "detail.history": "Historik", "detail.none": "–", "detail.anonymous": "anonym",
        "detail.named": "inte anonym", "detail.contact_ok": "får kontaktas",
        "detail.no_contact": "vill inte bli kontaktad", "detail.erased": "har raderat sina uppgifter",
        "detail.blocked": "blockerad", "detail.from_blocked": "Skickat av en blockerad medborgare",
        "detail.merged_into": "Sammanslaget med {ref}",
        "detail.classified_by": "klassat av {who}", "detail.confidence": "säkerhet {pct} %",
        "detail.redacted": "{n} passage(r) maskerade; originalet finns kvar (O för behöriga).",
        "detail.created": "Inkom", "detail.updated": "Ändrad", "detail.first_response": "Första svar",
        "detail.closed": "Avslutad", "detail.assignee": "Handläggare", "detail.unassigned": "ingen",
        "detail.priority": "Prioritet", "detail.version": "version {n}", "detail.kind": "Inkom som",
        "detail.lang": "Språk", "detail.reply_possible": "svar kan skickas via boten",
        "detail.loading": "Hämtar ärendet …", "detail.gone": "Ärendet finns inte längre.",
        "delivery.pending": "väntar på leverans", "delivery.delivered": "levererat {when}",
        "delivery.failed": "kunde inte levereras ({attempts} försök): {error}",
        "delivery.retrying": "försöker igen ({attempts} försök): {error}",
        "thread.in": "Medborgaren", "thread.empty": "Inga meddelanden.",
        "dup.text": "liknande text {score} %", "dup.place": "samma plats", "dup.citizen": "samma avsändare",
        "dup.time": "{hours} t ifrån", "dup.none": "Inga hittade.",
        "attachment.size": "{size}", "attachment.state.stored": "sparad", "attachment.state.too_large": "för stor",
        "attachment.state.failed": "misslyckades",
        "occurred.just_now": "just nu", "occurred.today": "i dag", "occurred.earlier": "tidigare",
        "prio.-1": "Låg", "prio.0": "Normal", "prio.1": "Hög", "prio.2": "Akut",
        "action.claim": "tog ärendet", "action.assign": "tilldelade", "action.release": "släppte",
        "action.status": "ändrade status", "action.priority": "ändrade prioritet",
        "action.reclassify": "omklassade", "action.note": "skrev en anteckning", "action.reply": "svarade",
        "action.merge": "slog ihop", "action.redact": "maskerade", "action.block": "blockerade avsändaren",
        "action.read_original": "läste originaltexten", "action.view_identity": "visade identiteten",
        "action.attachment": "öppnade en bilaga", "action.unblock": "häve blockeringen",
        # outcomes
        "done.claim": "Du har tagit {ref}.", "done.assign": "{ref} är tilldelat {who}.",
        "done.release": "{ref} har ingen handläggare nu.", "done.status": "{ref}: {status}.",
        "done.priority": "{ref}: prioritet {priority}.", "done.reclassify": "{ref} är omklassat.",
        "done.unchanged": "{ref}: inget ändrades.",
        "done.note": "Anteckningen är sparad på {ref}.", "done.reply": "Svaret på {ref} ligger i utkorgen; boten levererar det.",
        "done.merge": "{ref} är sammanslaget med {target}.", "done.redact": "Passagen i {ref} är maskerad.",
        "done.block": "Avsändaren av {ref} är blockerad.",
        "done.invitations": "Inbjudningslistan ({n} rader) är sparad: {path}",
        "done.attachment_saved": "Bilagan är sparad: {path}", "done.attachment_opened": "Bilagan öppnas: {path}",
        "done.export": "Exporten är klar: {path}",
        "refuse.no_contact": "Medborgaren har valt att inte bli kontaktad; inget svar kan skickas.",
        "refuse.erased": "Medborgaren har raderat sina uppgifter; inget svar kan levereras.",
        "refuse.no_selection": "Inget ärende är valt.", "refuse.no_attachments": "Ärendet har inga bilagor.",
        "refuse.no_export": "Exportmodulen finns inte i den här installationen.",
        "refuse.no_stats": "Statistikmodulen finns inte i den här installationen.",
        "refuse.title": "Inte möjligt",
        "db.locked": "Databasen är låst av en annan process. Försöker igen om {seconds} s …",
        "db.unreachable": "Databasen går inte att nå. Försöker igen om {seconds} s …",
        "db.lost": "Anslutningen till databasen bröts. Försöker igen om {seconds} s …",
        "db.error": "Databasfel: {error}. Försöker igen om {seconds} s …",
        "db.back": "Databasen svarar igen.",
        "db.write_failed": "Databasen var inte tillgänglig; åtgärden sparades kanske inte. Uppdatera och kontrollera.",
        "error.unexpected": "Oväntat fel: {error}",
        # dialogs
        "dlg.ok": "OK", "dlg.cancel": "Avbryt", "dlg.save": "Spara", "dlg.send": "Skicka",
        "dlg.keys": "Ctrl+S sparar · Esc avbryter",
        "dlg.status.title": "Ny status för {ref}", "dlg.priority.title": "Prioritet för {ref}",
        "dlg.assign.title": "Tilldela {ref}", "dlg.assign.prompt": "Handläggarens namn (tomt släpper ärendet)",
        "dlg.note.title": "Intern anteckning på {ref}", "dlg.note.hint": "Syns bara för handläggare.",
        "dlg.reply.title": "Svar till medborgaren om {ref}",
        "dlg.reply.hint": "Boten skickar svaret via Telegram. Skriv inget du inte vill ska bli allmän handling.",
        "dlg.merge.title": "Slå ihop {ref} med ett annat ärende",
        "dlg.merge.prompt": "Referens till ärendet det hör till, t.ex. TAN-2611-0042",
        "dlg.block.title": "Blockera avsändaren av {ref}",
        "dlg.block.prompt": "Skäl (sparas i loggen). Meddelanden sparas men hamnar inte i kön.",
        "dlg.redact.title": "Maskera en passage i {ref}",
        "dlg.redact.hint": "Markera passagen (Skift+pilar eller musen), skriv ett skäl, Ctrl+S maskerar.",
        "dlg.redact.reason": "Skäl", "dlg.redact.nothing": "Markera först passagen som ska döljas.",
        "dlg.reclassify.title": "Omklassa {ref}", "dlg.reclassify.intent": "Typ",
        "dlg.reclassify.themes": "Teman", "dlg.reclassify.place": "Plats", "dlg.place.none": "Ingen plats",
        "dlg.reclassify.hint": "Rättelsen sparas så att klassificeraren kan lära sig.",
        "dlg.filter.title": "Filter", "dlg.filter.status": "Status", "dlg.filter.intent": "Typ",
        "dlg.filter.theme": "Teman (alla valda)", "dlg.filter.place": "Plats", "dlg.filter.lang": "Språk",
        "dlg.filter.assignee": "Handläggare", "dlg.filter.since": "Från datum (ÅÅÅÅ-MM-DD)",
        "dlg.filter.until": "Till och med datum", "dlg.filter.clear": "Rensa",
        "dlg.filter.bad_date": "Datum skrivs ÅÅÅÅ-MM-DD, inte {value!r}.",
        "dlg.filter.anyone": "Vem som helst", "dlg.filter.unassigned": "Ingen handläggare",
        "dlg.conflict.title": "Någon annan hann före",
        "dlg.conflict.body": "{ref} ändrades efter att du öppnade det. Ingenting av din ändring sparades.",
        "dlg.conflict.reload": "Ladda om", "dlg.conflict.change": "{when}  {officer} {action}",
        "dlg.attachments.title": "Bilagor till {ref}", "dlg.attachments.open": "Öppna",
        "dlg.attachments.save": "Spara kopia",
        "dlg.original.title": "Originaltext för {ref} (läsningen loggas)",
        "dlg.identity.title": "Identitet för {ref} (visningen loggas)",
        "dlg.identity.body": "Pseudonym: {pseudonym}\nTelegram-användarnamn: {username}\nNamn: {name}",
        "dlg.invitations.title": "Inbjudningslista för grannsamverkan",
        "dlg.invitations.hint": "Kontaktuppgifter till dem som sagt ja till kontakt. Uttaget loggas med ditt namn.",
        "dlg.invitations.path": "Spara som",
        "dlg.export.title": "Kör veckoexporten", "dlg.export.week": "Vecka (ÅÅÅÅ-Vnn)",
        "dlg.export.bad_week": "Veckan skrivs ÅÅÅÅ-Vnn, t.ex. 2026-W47.",
        # grannsamverkan
        "watch.title": "Grannsamverkan: intresseanmälningar per område",
        "watch.area": "Område", "watch.signups": "Anm.", "watch.households": "Hushåll",
        "watch.new_group": "Ny grupp", "watch.meeting": "Träff", "watch.contact": "Kontakt",
        "watch.empty": "Inga anmälningar ännu.", "watch.unknown_place": "Utan känd plats",
        "watch.total": "Totalt {signups} anmälningar, {households} hushåll, {group} vill starta grupp, "
                       "{meeting} vill till informationsträff, {contact} får kontaktas.",
        "watch.hint": "x: inbjudningslista (CSV) för dem som får kontaktas",
        "csv.ref": "referens", "csv.place": "plats", "csv.area": "område", "csv.households": "hushåll",
        "csv.new_group": "vill_starta_grupp", "csv.meeting": "vill_till_informationstraff",
        "csv.method": "kontaktsatt", "csv.contact": "kontaktuppgift", "csv.signed_up": "anmald",
        "yes": "ja", "no": "nej",
        # statistics
        "stats.title": "Statistik, senaste {weeks} veckorna", "stats.by_theme": "Per tema och vecka",
        "stats.by_place": "Per plats", "stats.open_closed": "Flöde per vecka", "stats.week_short": "v",
        "stats.open": "Öppna", "stats.closed": "Avslutade", "stats.median": "Svarstid, median",
        "stats.no_response": "inga svar ännu", "stats.total": "Totalt", "stats.week": "Vecka",
        "stats.loading": "Räknar …", "stats.hours": "{n} t", "stats.days": "{n} d",
    },
    "en": {
        "app.title": "Trygg – triage",
        "app.officer": "Signed in: {officer}",
        "key.help": "Help", "key.lang": "Svenska", "key.watch": "Neighbourhood watch", "key.stats": "Statistics",
        "key.back": "Back", "key.reload": "Refresh", "key.export": "Run weekly export", "key.open": "Open",
        "key.search": "Search", "key.filter": "Filter", "key.claim": "Claim", "key.assign": "Assign",
        "key.status": "Status", "key.priority": "Priority", "key.reclassify": "Reclassify",
        "key.note": "Note", "key.reply": "Reply", "key.merge": "Merge", "key.redact": "Redact",
        "key.block": "Block", "key.original": "Show original text", "key.identity": "Show identity",
        "key.attachments": "Attachments", "key.invitations": "Invitation list (CSV)", "key.queue": "Queue",
        "key.quit": "Quit", "key.palette": "Commands", "key.clear_search": "Clear search", "key.view": "View: {view}",
        "key.up": "Up", "key.down": "Down", "key.page": "Page up/down", "key.ends": "First/last",
        "help.title": "Keys", "help.views": "Views", "help.actions": "Actions on the selected submission",
        "help.navigation": "Move", "help.general": "General", "help.close": "Esc or ? closes",
        "help.legend": "Legend: ‼ urgent, ! high priority, ● new since you opened the console. Themes: {themes}",
        "view.open": "Open", "view.new": "New", "view.urgent": "Urgent", "view.mine": "Mine",
        "view.watch": "Neighbourhood watch", "view.feedback": "Feedback", "view.all": "All",
        "col.ref": "Reference", "col.age": "Age", "col.intent": "Type", "col.themes": "Theme", "col.place": "Place",
        "col.lang": "Lng", "col.status": "Status", "col.assignee": "Owner", "col.text": "Text",
        "queue.summary": "{count} submissions · {view}", "queue.filters": " · filter: {filters}",
        "queue.search": " · search: ", "queue.empty": "Nothing matches.", "queue.loading": "loading …",
        "search.placeholder": "Search texts or a reference, Enter searches, Esc goes back",
        "notify.urgent": "Urgent: {ref} {place}", "notify.new": "{count} new submissions",
        "age.now": "now", "age.minutes": "{n}m", "age.hours": "{n}h", "age.days": "{n}d", "age.weeks": "{n}w",
        "detail.text": "Text", "detail.labels": "Classification", "detail.explain": "Explanation",
        "detail.place": "Place", "detail.coords": "Coordinates", "detail.occurred": "When it happened",
        "detail.citizen": "Citizen", "detail.attachments": "Attachments", "detail.thread": "Case thread",
        "detail.notes": "Internal notes", "detail.duplicates": "Possible duplicates",
        "detail.history": "History", "detail.none": "–", "detail.anonymous": "anonymous",
        "detail.named": "not anonymous", "detail.contact_ok": "may be contacted",
        "detail.no_contact": "does not want to be contacted", "detail.erased": "has erased their data",
        "detail.blocked": "blocked", "detail.from_blocked": "Sent by a blocked citizen",
        "detail.merged_into": "Merged into {ref}",
        "detail.classified_by": "classified by {who}", "detail.confidence": "confidence {pct} %",
        "detail.redacted": "{n} passage(s) redacted; the original is kept (O for those allowed).",
        "detail.created": "Received", "detail.updated": "Changed", "detail.first_response": "First response",
        "detail.closed": "Closed", "detail.assignee": "Assignee", "detail.unassigned": "nobody",
        "detail.priority": "Priority", "detail.version": "version {n}", "detail.kind": "Came in as",
        "detail.lang": "Language", "detail.reply_possible": "a reply can be sent through the bot",
        "detail.loading": "Loading the submission …", "detail.gone": "The submission no longer exists.",
        "delivery.pending": "waiting for delivery", "delivery.delivered": "delivered {when}",
        "delivery.failed": "could not be delivered ({attempts} attempts): {error}",
        "delivery.retrying": "retrying ({attempts} attempts): {error}",
        "thread.in": "Citizen", "thread.empty": "No messages.",
        "dup.text": "similar text {score} %", "dup.place": "same place", "dup.citizen": "same sender",
        "dup.time": "{hours} h apart", "dup.none": "None found.",
        "attachment.size": "{size}", "attachment.state.stored": "stored", "attachment.state.too_large": "too large",
        "attachment.state.failed": "failed",
        "occurred.just_now": "just now", "occurred.today": "today", "occurred.earlier": "earlier",
        "prio.-1": "Low", "prio.0": "Normal", "prio.1": "High", "prio.2": "Urgent",
        "action.claim": "claimed it", "action.assign": "assigned", "action.release": "released it",
        "action.status": "changed the status", "action.priority": "changed the priority",
        "action.reclassify": "reclassified", "action.note": "wrote a note", "action.reply": "replied",
        "action.merge": "merged", "action.redact": "redacted", "action.block": "blocked the sender",
        "action.read_original": "read the original text", "action.view_identity": "viewed the identity",
        "action.attachment": "opened an attachment", "action.unblock": "unblocked",
        "done.claim": "You have claimed {ref}.", "done.assign": "{ref} is assigned to {who}.",
        "done.release": "{ref} has no assignee now.", "done.status": "{ref}: {status}.",
        "done.priority": "{ref}: priority {priority}.", "done.reclassify": "{ref} is reclassified.",
        "done.unchanged": "{ref}: nothing changed.",
        "done.note": "The note is saved on {ref}.", "done.reply": "The reply to {ref} is in the outbox; the bot delivers it.",
        "done.merge": "{ref} is merged into {target}.", "done.redact": "The passage in {ref} is redacted.",
        "done.block": "The sender of {ref} is blocked.",
        "done.invitations": "The invitation list ({n} rows) is saved: {path}",
        "done.attachment_saved": "The attachment is saved: {path}", "done.attachment_opened": "Opening the attachment: {path}",
        "done.export": "The export is done: {path}",
        "refuse.no_contact": "The citizen chose not to be contacted; no reply can be sent.",
        "refuse.erased": "The citizen has erased their data; no reply can be delivered.",
        "refuse.no_selection": "No submission is selected.", "refuse.no_attachments": "The submission has no attachments.",
        "refuse.no_export": "The export module is not part of this installation.",
        "refuse.no_stats": "The statistics module is not part of this installation.",
        "refuse.title": "Not possible",
        "db.locked": "The database is locked by another process. Retrying in {seconds} s …",
        "db.unreachable": "The database cannot be reached. Retrying in {seconds} s …",
        "db.lost": "The connection to the database was lost. Retrying in {seconds} s …",
        "db.error": "Database error: {error}. Retrying in {seconds} s …",
        "db.back": "The database answers again.",
        "db.write_failed": "The database was unavailable; the action may not have been saved. Refresh and check.",
        "error.unexpected": "Unexpected error: {error}",
        "dlg.ok": "OK", "dlg.cancel": "Cancel", "dlg.save": "Save", "dlg.send": "Send",
        "dlg.keys": "Ctrl+S saves · Esc cancels",
        "dlg.status.title": "New status for {ref}", "dlg.priority.title": "Priority for {ref}",
        "dlg.assign.title": "Assign {ref}", "dlg.assign.prompt": "The officer's name (empty releases it)",
        "dlg.note.title": "Internal note on {ref}", "dlg.note.hint": "Only officers see it.",
        "dlg.reply.title": "Reply to the citizen about {ref}",
        "dlg.reply.hint": "The bot sends the reply on Telegram. Write nothing you would not want to become a public record.",
        "dlg.merge.title": "Merge {ref} into another submission",
        "dlg.merge.prompt": "Reference of the submission it belongs to, e.g. TAN-2611-0042",
        "dlg.block.title": "Block the sender of {ref}",
        "dlg.block.prompt": "Reason (kept in the log). Messages are kept but not queued.",
        "dlg.redact.title": "Redact a passage in {ref}",
        "dlg.redact.hint": "Select the passage (Shift+arrows or the mouse), give a reason, Ctrl+S redacts.",
        "dlg.redact.reason": "Reason", "dlg.redact.nothing": "Select the passage to hide first.",
        "dlg.reclassify.title": "Reclassify {ref}", "dlg.reclassify.intent": "Type",
        "dlg.reclassify.themes": "Themes", "dlg.reclassify.place": "Place", "dlg.place.none": "No place",
        "dlg.reclassify.hint": "The correction is kept so the classifier can learn from it.",
        "dlg.filter.title": "Filter", "dlg.filter.status": "Status", "dlg.filter.intent": "Type",
        "dlg.filter.theme": "Themes (all selected)", "dlg.filter.place": "Place", "dlg.filter.lang": "Language",
        "dlg.filter.assignee": "Assignee", "dlg.filter.since": "From date (YYYY-MM-DD)",
        "dlg.filter.until": "Up to and including", "dlg.filter.clear": "Clear",
        "dlg.filter.bad_date": "Dates are written YYYY-MM-DD, not {value!r}.",
        "dlg.filter.anyone": "Anyone", "dlg.filter.unassigned": "No assignee",
        "dlg.conflict.title": "Someone else got there first",
        "dlg.conflict.body": "{ref} was changed after you opened it. Nothing of your change was saved.",
        "dlg.conflict.reload": "Reload", "dlg.conflict.change": "{when}  {officer} {action}",
        "dlg.attachments.title": "Attachments of {ref}", "dlg.attachments.open": "Open",
        "dlg.attachments.save": "Save a copy",
        "dlg.original.title": "Original text of {ref} (the look is logged)",
        "dlg.identity.title": "Identity behind {ref} (the look is logged)",
        "dlg.identity.body": "Pseudonym: {pseudonym}\nTelegram username: {username}\nName: {name}",
        "dlg.invitations.title": "Neighbourhood watch invitation list",
        "dlg.invitations.hint": "Contact details of those who agreed to be contacted. The export is logged with your name.",
        "dlg.invitations.path": "Save as",
        "dlg.export.title": "Run the weekly export", "dlg.export.week": "Week (YYYY-Wnn)",
        "dlg.export.bad_week": "Write the week as YYYY-Wnn, e.g. 2026-W47.",
        "watch.title": "Neighbourhood watch: sign-ups by area",
        "watch.area": "Area", "watch.signups": "Sign.", "watch.households": "Househ.",
        "watch.new_group": "New grp", "watch.meeting": "Meeting", "watch.contact": "Contact",
        "watch.empty": "No sign-ups yet.", "watch.unknown_place": "No known place",
        "watch.total": "In all {signups} sign-ups, {households} households, {group} want to start a group, "
                       "{meeting} want the information meeting, {contact} may be contacted.",
        "watch.hint": "x: invitation list (CSV) of those who may be contacted",
        "csv.ref": "reference", "csv.place": "place", "csv.area": "area", "csv.households": "households",
        "csv.new_group": "wants_new_group", "csv.meeting": "wants_info_meeting",
        "csv.method": "contact_method", "csv.contact": "contact", "csv.signed_up": "signed_up",
        "yes": "yes", "no": "no",
        "stats.title": "Statistics, the last {weeks} weeks", "stats.by_theme": "By theme and week",
        "stats.by_place": "By place", "stats.open_closed": "Flow per week", "stats.week_short": "w",
        "stats.open": "Open", "stats.closed": "Closed", "stats.median": "Response, median",
        "stats.no_response": "no responses yet", "stats.total": "Total", "stats.week": "Week",
        "stats.loading": "Counting …", "stats.hours": "{n} h", "stats.days": "{n} d",
    },
}

# Compact labels for the queue's narrow columns.
SHORT: dict[str, dict[str, str]] = {
    "sv": {
        "emergency": "AKUT", "tip": "Tips", "feedback": "Synp", "neighbourhood_watch": "Gsv", "question": "Fråga",
        "burglary": "In", "traffic": "Tr", "drugs": "Na", "violence": "Vå", "public_space": "Mi",
        "new": "Ny", "triaged": "Sort", "in_progress": "Pågår", "closed": "Avsl", "spam": "Skräp",
    },
    "en": {
        "emergency": "URG", "tip": "Tip", "feedback": "Fdbk", "neighbourhood_watch": "NW", "question": "Qstn",
        "burglary": "Bu", "traffic": "Tr", "drugs": "Dr", "violence": "Vi", "public_space": "PS",
        "new": "New", "triaged": "Tri", "in_progress": "Prog", "closed": "Done", "spam": "Spam",
    },
}


class Strings:
    """``t("key", n=3)`` in the officer's language; labels via ``t.label("drugs")``."""

    def __init__(self, lang: str = "sv") -> None:
        self.lang = lang if lang in TEXTS else "sv"

    def __call__(self, key: str, **values: object) -> str:
        template = TEXTS[self.lang].get(key) or TEXTS["sv"].get(key) or key
        return template.format(**values) if values else template

    def has(self, key: str) -> bool:
        return key in TEXTS[self.lang]

    def label(self, value: str | None) -> str:
        return display_name(value, self.lang) if value else self("detail.none")

    def short(self, value: str) -> str:
        return SHORT[self.lang].get(value, value)

    def priority(self, value: int) -> str:
        return self(f"prio.{max(-1, min(2, value))}")

    def age(self, delta: dt.timedelta) -> str:
        minutes = int(delta.total_seconds() // 60)
        if minutes < 1:
            return self("age.now")
        if minutes < 60:
            return self("age.minutes", n=minutes)
        if minutes < 48 * 60:
            return self("age.hours", n=minutes // 60)
        if minutes < 14 * 24 * 60:
            return self("age.days", n=minutes // (24 * 60))
        return self("age.weeks", n=minutes // (7 * 24 * 60))

    def when(self, value: dt.datetime | None, tz: ZoneInfo) -> str:
        """A local date and time, e.g. 2026-11-24 14:05."""
        return value.astimezone(tz).strftime("%Y-%m-%d %H:%M") if value else self("detail.none")

    def size(self, size: int | None) -> str:
        if size is None:
            return "?"
        for unit in ("B", "kB", "MB"):
            if size < 1024 or unit == "MB":
                return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
            size /= 1024  # type: ignore[assignment]
        return f"{size} B"

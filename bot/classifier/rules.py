"""From cue and theme scores to one intent, with the reasons an officer can read.

Emergency comes first and is decided by rule: danger (a knife, a fire, a
break-in going on) times immediacy (now, help, hurry), damped by cues that
it is over (yesterday, last week), that it keeps happening (every evening),
that it is hypothetical ("får man ...?", "what if") or a condition or hearsay
("om någon bryter sig in ...?", "is it true that ...?"), or that the citizen says
it is not urgent. Danger words with no time cue at
all count as happening now: a missed emergency is the worst failure. "All the time"
("hela tiden") is a habit only when nothing places the writer in the scene now:
"han går tio meter bakom oss hela tiden" is one episode going on. A question about
whether or how to report something ("kan jag anmäla ...?", "can I report ...?") names
the crime as its subject, not as something seen now.
Otherwise the strongest of tip, feedback, question and neighbourhood watch
wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.vocabulary import Intent, Theme

EMERGENCY_THRESHOLD = 0.3
# A danger described with no time at all ("man med kniv vid ICA") is taken as happening now.
UNMARKED_IMMEDIACY = 0.75
# ... but not in a message whose first sentence is a question, with no "now" or plea this strong (round 24; round
# 25 dropped the need for a question word too: "Kuriuo numeriu skambinti, jei matau gaisrą miške?")
ASKED_NOW = 0.5
ASKED_IMMEDIACY = 0.35
WATCH_THRESHOLD = 0.5
# An urgent word this strong in a message this short is a cry for help on its own (round 24: 4 -> 6 words, "kom
# till ICA grebbestad snabbt!!")
SHORT_CRY_WORDS = 6
PLEA = 0.85  # an urgent cue this strong asks for help now
CRY = 0.5  # what an opening cry for help alone gives the emergency (its weight times this)
CRY_QUESTION = 0.3  # a question cue this strong makes "Hjälp, hur ..." a question, not a cry
# A "now" this strong places the writer in the scene ("bakom oss", "just nu", "I'm behind him"):
# "all the time" then describes one episode going on, not a recurring problem.
EPISODE_NOW = 0.5
CONTINUOUS_IN_EPISODE = 0.3  # what is left of "hela tiden" as a habit in such an episode
# A question about reporting damps an emergency less than a condition does: "Ska jag ringa 112? Han
# står utanför med kniv" is still going on.
ASKING_DAMPING = 0.6
# A danger told but not going on ("det brann i en bil i natt") is information about a danger: a tip.
TOLD_DANGER_TIP = 0.35
# A thing that hurts or will hurt people ("glasbitar på stranden, barnen skär sig", "a plank missing, someone
# will fall through") is information about a danger: a tip, and the broken thing is its cause rather than an
# upkeep complaint. An explicit wish or complaint still makes it feedback.
HAZARD_TIP = 0.8
WISH_BACKGROUND = 0.6
PAST_COMPLAINT = 0.5  # a past cue and a complaint about the response this strong: the complaint's event is over
NO_CLEAR_CUE = 0.15  # the best of tip, feedback and question under this: no clear cue, a default decides  # how much a wish weakens the crime it names as evidence of a tip
_CRIME_THEMES = (Theme.BURGLARY, Theme.VIOLENCE, Theme.DRUGS, Theme.TRAFFIC, Theme.PUBLIC_SPACE)
# Themes whose words, with a time cue, describe a crime going on ("inbrott hos grannen just nu",
# "rattfull kvinna kör från Konsum nu"); litter or a broken lamp "now" is a complaint unless a danger
# term says otherwise. A theme word too weak to label the message counts only for the first three.
_IN_PROGRESS_THEMES = (Theme.BURGLARY, Theme.VIOLENCE, Theme.DRUGS, Theme.TRAFFIC)
_INCIDENT_THEMES = (Theme.BURGLARY, Theme.VIOLENCE, Theme.DRUGS)


@dataclass(frozen=True, slots=True)
class Features:
    n_words: int
    question_mark: bool
    plate: bool
    opens_asking: bool  # the first sentence is a question


@dataclass(frozen=True, slots=True)
class IntentDecision:
    intent: str
    confidence: float
    scores: dict[str, float]
    reasons: list[str]


def decide(cues: dict[str, float], themes: dict[str, float], features: Features,
           cue_terms: dict[str, list[str]], raw_themes: dict[str, float] | None = None) -> IntentDecision:
    """``themes``: the scores of the themes; ``raw_themes`` the same before thresholds and rules
    (defaults to ``themes``)."""
    raw_themes = themes if raw_themes is None else raw_themes
    def terms(cue: str) -> str:
        return ", ".join(cue_terms.get(cue, [])[:6]) or "-"

    danger, now, urgent = cues.get("danger", 0.0), cues.get("now", 0.0), cues.get("urgent", 0.0)
    past, habit, calm = cues.get("past", 0.0), cues.get("habit", 0.0), cues.get("calm", 0.0)
    # A crime named as a condition or as hearsay ("om någon bryter sig in, får jag ...?", "is it true that
    # ...?") is not going on: it damps an emergency like a hypothetical, and below it is no observation.
    conditional = cues.get("conditional", 0.0)
    # A question about whether or how to report it ("kan jag anmäla fortkörning ...?"): the crime is the
    # question's subject. It weakens the crime as evidence of a tip like a condition, and damps less.
    asking = cues.get("asking", 0.0)
    # A wish about what should be done ("kommunen borde sätta upp farthinder innan nån blir påkörd") names the
    # danger as its reason, not as going on; unless the writer is in the scene ("någon borde ringa, han ligger
    # medvetslös").
    wish = cues.get("wish", 0.0)
    hypothetical = max(cues.get("hypothetical", 0.0), conditional, asking * ASKING_DAMPING,
                       wish if cues.get("now", 0.0) < EPISODE_NOW else 0.0)
    # A complaint about how the police handled an event told in the past ("you were so slow last time, 45
    # minutes for a break-in in progress") is about that event, even where it names it as then going on.
    if cues.get("past", 0.0) >= PAST_COMPLAINT and cues.get("response", 0.0) >= PAST_COMPLAINT:
        hypothetical = max(hypothetical, cues["response"])
    # "All the time" is a habit ("grannen hotar oss hela tiden") unless the writer is in the scene now.
    continuous = cues.get("continuous", 0.0)
    habit = max(habit, continuous * (CONTINUOUS_IN_EPISODE if now >= EPISODE_NOW else 1.0))
    # Vandalism going on ("krossar rutorna i busskuren", "zerkratzt gerade alle Autos") is a crime in progress.
    crime = max(max(themes.get(t, 0.0) for t in _IN_PROGRESS_THEMES) * 0.6, cues.get("vandalism", 0.0) * 0.7)
    # Any sign of an incident, also a theme word too weak to label the message ("förråd").
    incident = _either(danger, max(raw_themes.get(t, 0.0) for t in _INCIDENT_THEMES) * 0.8)
    immediacy = max(now, urgent)
    unmarked = past < 0.35 and habit < 0.35  # no time cue, or only a weak one ("varje dörr", "var")
    # A question asked ("hur länge gäller ett kontaktförbud?", "can I report my ex for following me?") names its
    # danger as its subject: without a "now" or a plea it is not taken as going on.
    asked = features.opens_asking and now < ASKED_NOW and urgent < ASKED_NOW
    unmarked_immediacy = ASKED_IMMEDIACY if asked else UNMARKED_IMMEDIACY
    emergency = max(danger * (max(immediacy, unmarked_immediacy) if unmarked else immediacy), crime * immediacy,
                    incident * immediacy if immediacy >= 0.65 else 0.0)
    if urgent >= 0.7 and features.n_words <= SHORT_CRY_WORDS and past < 0.5:
        emergency = max(emergency, urgent * 0.6)  # "Hjälp!", "HELP", "kom till ICA snabbt!!"
    # A plea to come at once ("kom fort", "skynda er", "proszę przyjechać") about something going on is an
    # emergency even when its words are not in the lexicons: a missed emergency costs the most.
    # Also with only a weak danger word ("skicka ambulans, han har ont i bröstet").
    if urgent >= PLEA and past < 0.5 and (now >= 0.4 or danger >= 0.25
                                          or any(raw_themes.get(t, 0.0) >= 0.15 for t in _CRIME_THEMES)):
        emergency = max(emergency, urgent * 0.45)
    # A message opening with a cry for help on its own ("Hjälp, ...", "Help! ...", "Apua, ...") asks for help
    # with what it tells next, whatever its words; a question ("hjälp, hur byter jag språk") is no cry.
    cry = cues.get("cry", 0.0)
    if cry and past < 0.5 and not features.question_mark and cues.get("question", 0.0) < CRY_QUESTION:
        emergency = max(emergency, cry * CRY)
    past_effect = past if past > now else past * 0.3
    emergency *= (1 - 0.9 * past_effect) * (1 - 0.85 * habit) * (1 - calm) * (1 - 0.8 * hypothetical)

    reasons: list[str] = []
    if emergency >= EMERGENCY_THRESHOLD:
        reasons.append(f"emergency {emergency:.2f}: danger {danger:.2f} [{terms('danger')}], "
                       f"now {now:.2f} [{terms('now')}], urgent {urgent:.2f} [{terms('urgent')}], "
                       f"crime themes {crime:.2f}, incident {incident:.2f}"
                       + (f", cry for help [{terms('cry')}]" if cry else ""))
        if past or habit or hypothetical or calm:
            reasons.append(f"damped by past {past:.2f} [{terms('past')}], habit {habit:.2f} [{terms('habit')}; "
                           f"all the time: {terms('continuous')}], calm {calm:.2f} [{terms('calm')}], "
                           f"hypothetical {hypothetical:.2f} [{terms('hypothetical')}; wish: {terms('wish')}; "
                           f"condition or hearsay: {terms('conditional')}; asking about reporting: "
                           f"{terms('asking')}]")
        confidence = min(1.0, 0.55 + emergency * 0.6)
        return IntentDecision(Intent.EMERGENCY, round(confidence, 3),
                              {"emergency": round(emergency, 3)}, reasons)
    if danger or urgent:
        reasons.append(f"not an emergency ({emergency:.2f} < {EMERGENCY_THRESHOLD}): danger {danger:.2f} "
                       f"[{terms('danger')}], now {now:.2f}, urgent {urgent:.2f}, past {past:.2f} "
                       f"[{terms('past')}], habit {habit:.2f} [{terms('habit')}; all the time: "
                       f"{terms('continuous')}], calm {calm:.2f} [{terms('calm')}], "
                       f"hypothetical {hypothetical:.2f} [{terms('hypothetical')}; condition or hearsay: "
                       f"{terms('conditional')}; asking about reporting: {terms('asking')}]")

    crime_strength = max(themes.get(t, 0.0) for t in _CRIME_THEMES[:4])
    # A complaint about how an earlier case was handled ("stölden för tre veckor sedan, inte hört ett ord")
    # is feedback: the crime is its background, so it weighs less as evidence of a tip.
    response = cues.get("response", 0.0)
    background = 1 - 0.6 * response
    background *= 1 - 0.7 * max(conditional, asking)  # a crime as a condition, hearsay or the subject of a question
    background *= 1 - WISH_BACKGROUND * wish  # ... or the reason for a wish ("mehr Kontrollen, die Autos rasen")
    # Public space: vandalism is a crime (a tip), a broken lamp or litter is the municipality's work (feedback).
    # A danger told without a crime theme (a fire, an accident) is information too; with one, the theme
    # already says so and the danger word must not count twice.
    told = max(crime_strength * 0.6, danger * TOLD_DANGER_TIP) * background
    hazard = cues.get("hazard", 0.0)
    tip = _either(cues.get("observe", 0.0) * background, told, cues.get("vandalism", 0.0) * 0.55,
                  0.4 if features.plate else 0.0, hazard * HAZARD_TIP)
    question = _either(cues.get("question", 0.0), asking, 0.45 if features.question_mark else 0.0)
    feedback = _either(cues.get("feedback", 0.0), cues.get("maintenance", 0.0) * 0.55 * (1 - hazard), response, wish)
    watch = cues.get("watch", 0.0)
    scores = {
        Intent.TIP: round(tip, 3),
        Intent.FEEDBACK: round(feedback, 3),
        Intent.QUESTION: round(question, 3),
        Intent.NEIGHBOURHOOD_WATCH: round(watch, 3),
        "emergency": round(emergency, 3),
    }
    if watch >= WATCH_THRESHOLD:
        reasons.append(f"neighbourhood_watch {watch:.2f} [{terms('watch')}]")
        return IntentDecision(Intent.NEIGHBOURHOOD_WATCH, round(min(1.0, 0.5 + watch / 2), 3), scores, reasons)
    ranked = sorted(((tip, Intent.TIP), (feedback, Intent.FEEDBACK), (question, Intent.QUESTION)),
                    key=lambda pair: -pair[0])
    (top, intent), (second, _) = ranked[0], ranked[1]
    if top < NO_CLEAR_CUE:
        informs = crime_strength >= 0.5 or danger >= 0.5  # a crime or a danger told is information: a tip
        intent = Intent.QUESTION if features.question_mark else Intent.TIP if informs else Intent.FEEDBACK
        reasons.append(f"no clear cue; default {intent}")
        return IntentDecision(intent, 0.3, scores, reasons)
    explain_terms = {Intent.TIP: "observe", Intent.FEEDBACK: "feedback", Intent.QUESTION: "question"}[intent]
    extra = ""
    if intent == Intent.TIP and danger * TOLD_DANGER_TIP > crime_strength * 0.6:
        extra = f", a danger told [{terms('danger')}]"
    if intent == Intent.QUESTION and asking:
        extra = f", asking about reporting [{terms('asking')}]"
    if intent == Intent.FEEDBACK and cues.get("maintenance"):
        extra = f", upkeep [{terms('maintenance')}]"
    if intent == Intent.FEEDBACK and wish:
        extra += f", a wish [{terms('wish')}]"
    if intent == Intent.FEEDBACK and response:
        extra += f", complaint about the response [{terms('response')}]"
    if intent == Intent.TIP and hazard:
        extra += f", a hazard to people [{terms('hazard')}]"
    if intent == Intent.TIP and cues.get("vandalism"):
        extra += f", vandalism [{terms('vandalism')}]"
    if intent == Intent.TIP and crime_strength:
        extra += f", crime themes {crime_strength:.2f}"
    if intent == Intent.QUESTION and features.question_mark:
        extra += ", question mark"
    reasons.append(f"{intent} {top:.2f} [{terms(explain_terms)}]{extra}; next {ranked[1][1]} {second:.2f}")
    confidence = min(1.0, top) * (0.6 + 0.4 * (top - second) / top)
    return IntentDecision(intent, round(confidence, 3), scores, reasons)


def _either(*weights: float) -> float:
    """Noisy-OR: the chance that at least one piece of evidence holds."""
    remaining = 1.0
    for weight in weights:
        remaining *= 1.0 - weight
    return 1.0 - remaining

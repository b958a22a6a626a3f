"""Code events from the dependency parse: who did what to whom.

In: parsed segments, the article's ``ActorIndex``, the trigger lexicon and the
ontology. Out: ``Event`` records (date and location still empty: the time and
place stages fill them in).

Rules. A verb whose lemma (with its particle or object where the lexicon asks)
is a trigger makes an event; so does an event noun ("talks", "sanctions",
"the concentration of troops"), alone or as the object of a light verb ("held
talks"). The source is the subject, the passive agent, a possessor or the first
of "between X and Y"; the target is the object, a prepositional object (against,
with, to, on, from, at) or the passive subject. Control verbs that carry no event
themselves ("decided to", "plan to") pass their subject to the verb they govern;
event verbs governing another ("agreed to withdraw", "threatened to impose") code
the outer act and take the inner verb's object as target. A verb with several senses
in the lexicon is decided by its arguments: its particle, its object and the words that
modify the object ("shut down the launch site" is no censorship). Each event's realis
(negated, hypothetical, future) is read by ``realis.py``; the speech acts of quotes
("'…a bill Belgrade can't bear,' the minister said") are coded by ``speech.py`` once the
quotes stage has found them.
A slot the rules leave empty may be filled by the learned slot selector
(``selection.py``) when it is sure enough of an actor in the sentence.
Every event names the lexicon rule that fired.
"""

from .coder import EventCoder, PairAnalysis

__all__ = ["EventCoder", "PairAnalysis"]

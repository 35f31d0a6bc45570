"""kg.nlp without the model: the NER head's stored weights."""

import numpy
import pytest
import srsly
from thinc.api import Linear, chain

from kg.nlp import KG_NER_DIR, KG_NER_HEAD, full_precision, half_precision, kg_ner_config


def _model():
    model = chain(Linear(64, 4), Linear(3, 64))
    model.initialize(X=numpy.zeros((2, 4), dtype="float32"))
    return model


def _arrays(model_bytes: bytes) -> list[numpy.ndarray]:
    return [v for node in srsly.msgpack_loads(model_bytes)["params"] for v in node.values()
            if isinstance(v, numpy.ndarray)]


def test_half_precision_halves_the_arrays_and_full_precision_restores_float32():
    model = _model()
    raw = model.to_bytes()
    half = half_precision(raw)
    assert {a.dtype.name for a in _arrays(half)} == {"float16"}
    assert len(half) < 0.75 * len(raw)
    restored = full_precision(half)
    assert {a.dtype.name for a in _arrays(restored)} == {"float32"}
    twin = _model().from_bytes(restored)
    x = numpy.random.default_rng(0).normal(size=(5, 4)).astype("float32")
    assert numpy.allclose(model.predict(x), twin.predict(x), atol=1e-2)
    assert not numpy.array_equal(_model().predict(x), model.predict(x))  # (a fresh model differs)


def test_full_precision_leaves_float32_weights_alone():
    raw = _model().to_bytes()
    assert [a.tolist() for a in _arrays(full_precision(raw))] == [a.tolist() for a in _arrays(raw)]


@pytest.mark.skipif(not (KG_NER_DIR / "cfg").exists(), reason="no trained NER head installed")
def test_shipped_head_is_half_precision_with_its_architecture_beside_it():
    config = kg_ner_config()["model"]
    assert {k: v for k, v in config.items() if k != "tok2vec"} == KG_NER_HEAD
    assert config["tok2vec"]["@architectures"] == "spacy.Tok2Vec.v2"  # its own copy, not a listener
    assert {a.dtype.name for a in _arrays((KG_NER_DIR / "model").read_bytes())} == {"float16"}

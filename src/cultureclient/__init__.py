"""cultureclient: measure *culture client* in French texts, explainably."""

__version__ = "0.1.0"

"""Why did the model say that? Logit lens, input attribution and perplexity (no Qt).

- ``lens``: every layer's hidden state through the final norm and the LM head (``logit_lens``).
- ``attribution``: integrated gradients (captum), gradient × input and attention rollout (``attribute``).
- ``perplexity``: per-token log-probabilities in windows with a stride, and two models compared.
- ``token``: the token inspector's one-click job (lens + the clicked token's attention row).
"""

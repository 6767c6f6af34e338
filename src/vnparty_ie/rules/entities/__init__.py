"""Entity rules by label family, and the rule labeler that runs them."""

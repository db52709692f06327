"""banenmatch's Streamlit app, from a checkout: ``streamlit run app.py`` (see docs/APP.md).

The shell is ``webapp/app.py``, which ships in the wheel (an installed banenmatch starts it with
``banenmatch-app``). Streamlit reruns this file on every interaction; each run runs the shell.
"""

import runpy

import webapp

runpy.run_path(str(webapp.APP_SCRIPT), run_name="__main__")

app_name = "pamphlets"

urlpatterns = []

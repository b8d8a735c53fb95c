# Correos y calendario, en el idioma de la cuenta de quien los recibe.

## E-mails (in the recipient's account language; each message is one paragraph or line)

mail-reset-subject = Elija una nueva contraseña de Myo
mail-reset-intro = Alguien pidió elegir una nueva contraseña para su cuenta de Myo.
mail-reset-open = Para elegirla, abra este enlace antes de { $minutes } minutos. Funciona una sola vez:
mail-reset-effect = Al elegir una nueva contraseña se cierran todas sus sesiones y se detienen sus tokens de la API.
mail-reset-ignore = Si usted no lo pidió, ignore este mensaje: su contraseña sigue igual.
mail-invite-subject = Alguien compartió con usted sus registros de Myo
mail-invite-read = { $name } le ha dado acceso para leer sus registros en Myo, un seguimiento para personas que viven con miositis.
mail-invite-read-write = { $name } le ha dado acceso para leer y cambiar sus registros en Myo, un seguimiento para personas que viven con miositis.
mail-invite-how = Para verlos, inicie sesión en Myo con esta dirección de correo, o cree una cuenta con ella:
mail-invite-ignore = Si no conoce a esta persona, ignore este mensaje.
mail-handover-subject = Sus registros de Myo le esperan
mail-handover-intro = { $name } ha preparado su propio acceso a Myo para los registros que llevaba por usted.
mail-handover-open = Abra este enlace antes de { $days } días para elegir su contraseña. Funciona una sola vez:
mail-handover-after = Después, los registros serán solo suyos: esa persona ya no podrá verlos salvo que usted le dé acceso.
mail-reminder-open = Abra su seguimiento: { $link }
mail-reminder-informs = Myo informa; no diagnostica ni receta. Si se encuentra mal, contacte con su equipo médico, o con los servicios de emergencia en una emergencia.
mail-reminder-stop = Para dejar de recibir estos correos, desmárquelos en Compartir y exportar.
mail-monitoring-subject = Myo: toca { $test }
mail-monitoring-body = Un análisis de control por { $medicine } corresponde el { $date }: { $test }.
mail-diary-subject = Myo: su diario le espera
mail-diary-body = Su última entrada del diario fue el { $date }. Unas palabras o una puntuación hoy mantienen completo su registro; los días sin entrada se muestran como huecos, nunca como normales.

## Calendar feed (in the account's language)

cal-name = Myo: medicamentos y análisis
cal-weekly = semanal, el { $day }
cal-every-n-weeks = cada { $n } semanas
cal-taper-step = paso { $step } de la reducción
cal-not-prescribing = Tal como consta en su seguimiento de Myo. Myo no receta: siga las indicaciones de quien se lo recetó y consúltele si algo cambia.
cal-test-due = Análisis pendiente: { $test } ({ $medicine })
cal-from-verified = Fuente: { $source } (intervalo verificado con la fuente; reglas del { $date }).
cal-from-unverified = Fuente: { $source } (intervalo todavía no verificado con la fuente; reglas del { $date }).
fhir-title = Importar desde el portal de un hospital (FHIR)
reminder-kind-monitoring_due = me toca pronto, o ya se pasó, un análisis de control de mis medicamentos
reminder-kind-missed_diary = llevo unos días sin escribir en mi diario
trial-mail-subject = { $count ->
    [one] Myo: 1 estudio nuevo para su búsqueda «{ $name }»
   *[other] Myo: { $count } estudios nuevos para su búsqueda «{ $name }»
}
trial-mail-intro = { $count ->
    [one] 1 estudio nuevo de ClinicalTrials.gov coincide con su búsqueda guardada «{ $name }» en el buscador de ensayos clínicos de Myo:
   *[other] { $count } estudios nuevos de ClinicalTrials.gov coinciden con su búsqueda guardada «{ $name }» en el buscador de ensayos clínicos de Myo:
}
trial-mail-disclaimer = Myo muestra estudios del registro ClinicalTrials.gov. No juzga si usted puede participar en un estudio: solo el equipo del estudio puede decirlo. Su equipo médico puede ayudarle a pensarlo. Myo informa; no diagnostica ni receta.
trial-mail-all = Todos los resultados de esta búsqueda: { $link }
trial-mail-why = Recibe este correo porque marcó «Avisarme por correo de estudios nuevos» para esta búsqueda guardada; cada estudio se envía una sola vez. Para dejar de recibirlos, inicie sesión en { $link } y desmarque «Avisarme por correo de estudios nuevos» junto a «{ $name }» en Búsquedas guardadas, o borre la búsqueda.

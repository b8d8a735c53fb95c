# Páginas de registros (análisis, medicamentos, enfermedades, fuerza, consultas, compartir,
# importar, evaluaciones, historial, edición), la lista del médico y los errores de formulario.

## Labs

labs-add-a-result = Añadir un resultado
labs-copy-the-reference-range = Copie el intervalo de referencia de su informe de laboratorio: indique el mínimo y el máximo, o solo el límite superior de la normalidad.
labs-unit = Unidad
labs-reference-range-low-optional = Intervalo de referencia, mínimo (opcional)
labs-reference-range-high-optional = Intervalo de referencia, máximo (opcional)
labs-upper-limit-of-normal = Solo el límite superior de la normalidad (opcional)
labs-save-result = Guardar el resultado
labs-ck-last-two-years = CK, últimos dos años
labs-converted-shows-the-value = «Convertido» muestra el valor en la otra unidad habitual (U/L ↔ µkat/L, mg/L ↔ mg/dL, g/L ↔ g/dL) con factores citados.

## Medicines

meds-not-saved-yet-please = Todavía no se guardó. Compruebe, por favor:
meds-if-it-is-right = Si es correcto, escriba el motivo en el formulario de abajo (
meds-reason = Motivo
meds-and-save-again = ) y guarde de nuevo.
meds-saved = Se guardó { $form-name }.
meds-missed-doses = Dosis olvidadas
meds-drug-guide = Guía del medicamento
meds-your-medicines = Sus medicamentos
meds-no-medicines-recorded = No hay medicamentos registrados.
meds-stopped = Suspendido:
meds-confirmed = Confirmado:
meds-taken-2 = Tomada
meds-missed-2 = Olvidada
meds-restart = Reanudar
meds-change-the-dose-of = Cambiar la dosis de { $name } o suspenderlo
meds-restart-on = Reanudar el
meds-new-dose-optional-else = Nueva dosis (opcional; si no, la última)
meds-dose-unit = Unidad de la dosis
meds-reason-if-the-dose = Motivo, si la dosis está por encima del intervalo habitual (opcional)
meds-the-earlier-dose-is = La dosis anterior se conserva: termina el día anterior.
meds-new-dose = Nueva dosis
meds-change-dose = Cambiar la dosis
meds-last-day-taken = Último día que lo tomó
meds-why-it-was-stopped = Por qué se suspendió
meds-stop-keeps-its-history = Suspender (se conserva su historial)
meds-dose-in-force-on = Dosis vigente en un día
meds-day = Día
meds-show = Mostrar
meds-your-time-zone = Su zona horaria
meds-dose-times-are-local = Las horas de las dosis son horas locales de reloj en esta zona (las 08:00 siguen siendo las 08:00 con los cambios de horario de verano).
meds-save-time-zone = Guardar la zona horaria
meds-add-a-medicine = Añadir un medicamento
meds-methotrexate-for-myositis-is = El metotrexato para la miositis se toma una vez por semana: Myo solo acepta una pauta semanal para él.
meds-name = Nombre
meds-generic-name-optional = Nombre genérico (opcional)
meds-route = Vía
meds-by-mouth = por la boca
meds-injection-under-the-skin = inyección bajo la piel
meds-injection-into-a-muscle = inyección en un músculo
meds-infusion-into-a-vein = infusión en una vena
meds-on-the-skin = sobre la piel
meds-how-often = Con qué frecuencia
meds-kind-hint = Rellene solo los campos de la opción que elija. Un campo de otra opción que esté relleno se rechaza; nunca se usa.
meds-daily = a diario
meds-several-times-a-day = varias veces al día
meds-weekly-on-a-day = semanal, un día fijo
meds-every-n-weeks = cada N semanas
meds-on-listed-dates = en fechas indicadas
meds-a-taper-steps = una reducción gradual (pasos)
meds-time-hh-mm = Hora (HH:MM)
meds-day-weekly = Día (semanal)
meds-every-n-weeks-n = Cada N semanas (N)
meds-times-several-a-day = Horas (varias al día, separadas por comas)
meds-dates-course-comma-separated = Fechas (ciclo, separadas por comas)
meds-taper-steps-a-taper = Pasos de la reducción (por ejemplo, 20 mg durante 7 días, 15 mg durante 7 días; la dosis sale de los pasos)
meds-start = Inicio
meds-end-optional = Fin (opcional)
meds-i-have-a-risk = Tengo un factor de riesgo que mi equipo médico me indicó para el control de este medicamento
meds-reason-why-this-is = Motivo (por qué es correcto, por ejemplo «recetado por mi reumatólogo el 1 de marzo»)
meds-save-medicine = Guardar el medicamento

## Conditions and antibodies

cond-conditions-and-antibodies = Enfermedades y anticuerpos
cond-antibody-results = Resultados de anticuerpos
cond-for-a-positive-result = Para un resultado positivo, las características que la base de conocimientos asocia a ese anticuerpo. Son asociaciones descritas en estudios, no una predicción para usted; el cribado de cáncer es una decisión de su equipo médico.
cond-imacs-cancer-screening-risk = Calculadora de riesgo de IMACS para el cribado de cáncer
cond-about-this-antibody = Sobre este anticuerpo
cond-action-plan-what-to = Plan de acción: qué vigilar y qué hacer
cond-linked-in-studies-to = Asociado en estudios a (no es una predicción para usted):
cond-no-antibody-results-recorded = No hay resultados de anticuerpos registrados.
cond-add-a-diagnosis = Añadir un diagnóstico
cond-diagnosis-as-your-doctor = Diagnóstico (tal como se lo dio su médico)
cond-diagnosed-on-optional = Fecha del diagnóstico (opcional)
cond-resolved-on-optional = Fecha de resolución (opcional)
cond-save-diagnosis = Guardar el diagnóstico
cond-add-an-antibody-result = Añadir un resultado de anticuerpos
cond-positive = Positivo
cond-negative = Negativo
cond-borderline = Dudoso
cond-titre-or-level-as = Título o nivel tal como figura (opcional)

## Strength and function

strength-home-tests = Pruebas en casa
strength-leave-a-test-empty = Deje vacía una prueba si no la hizo.
strength-30-second-sit-to = Levantarse de la silla en 30 segundos (número de veces)
strength-timed-up-and-go = Levántese y ande cronometrado (segundos)
strength-arm-raise-held-seconds = Brazos levantados sostenidos (segundos)
strength-save-home-tests = Guardar las pruebas en casa
strength-scored-assessment = Evaluación puntuada
strength-enter-an-assessment-item = Introduzca una evaluación ítem por ítem; un ítem que no se hizo se marca como «No evaluado» y figura como faltante, nunca se puntúa como normal.
strength-assessments = Evaluaciones
strength-no-assessments-yet = Todavía no hay evaluaciones.
strength-last-year = Último año

## Visits

visits-no-visits-recorded = No hay visitas registradas.
visits-total-improvement-score-between = Puntuación de mejoría total (TIS) entre dos visitas
visits-baseline-visit = Visita inicial
visits-follow-up-visit = Visita de seguimiento
visits-compute-tis = Calcular la TIS
visits-haq-di-is-not = Aquí el HAQ-DI no se registra con las visitas, así que la función figura como faltante y la puntuación es un límite inferior.
visits-add-a-visit = Añadir una visita
visits-copy-what-your-care = Copie lo que registró su equipo médico. Deje vacío lo que no se evaluó: queda como «no evaluado».
visits-visit-date = Fecha de la visita
visits-physician-global-activity-0 = Actividad global según el médico (0–10)
visits-patient-global-activity-0 = Actividad global según el paciente (0–10)
visits-extramuscular-activity-0-10 = Actividad extramuscular (0–10)
visits-mmt-8-grades-one = Grados MMT-8, un lado (0–10)
visits-ck-u-l = CK (U/L)
visits-ck-upper-limit-of = Límite superior de la normalidad de la CK (misma unidad)
visits-save-visit = Guardar la visita

## Sharing and export

share-your-calendar-link = Su enlace de calendario
share-your-new-share-link = Su nuevo enlace para compartir
share-copy-it-now-it = (cópielo ahora; no se volverá a mostrar)
share-this-site-does-not = Este sitio no conoce su propia dirección, así que esta es la parte que va después: ponga delante la dirección de este sitio (la de la barra de direcciones de su navegador).
share-share-links = Enlaces para compartir
share-anyone-with-the-link = Cualquiera que tenga el enlace ve las secciones elegidas de sus últimos 90 días hasta que caduque o usted lo revoque. Cada apertura queda registrada.
share-sections-to-share = Secciones que compartir
share-expires-after-days-1 = Caduca al cabo de (días, de 1 a { $max-days })
share-label-optional = Etiqueta (opcional)
share-create-link = Crear el enlace
share-opened-times = ; abierto { $uses } veces.
share-revoke = Revocar
share-no-share-links-yet = Todavía no hay enlaces para compartir.
share-end-all-sharing = Dejar de compartir todo
share-clinicians-and-carers = Profesionales sanitarios y cuidadores
share-give-someone-access-with = Dé acceso a alguien con la dirección de correo electrónico que usa en Myo. Un profesional sanitario (con cuenta de profesional en Myo) puede leer todos sus registros del seguimiento, o también registrar sus visitas a la consulta y otros registros; un cuidador puede leer sus registros o también ayudarle a llevarlos.
share-their-e-mail-address = Su dirección de correo electrónico
share-they-are = Es
share-a-clinician = un profesional sanitario
share-a-carer = un cuidador
share-they-may = Puede
share-read-my-records = leer mis registros
share-read-and-change-my = leer y cambiar mis registros (un profesional sanitario podrá entonces registrar visitas)
share-give-access = Dar acceso
share-has-access-since = tiene acceso desde
share-invited-on-waiting-for = invitado el { $granted }; a la espera de que inicie sesión
share-access-revoked = acceso revocado
share-access-for = acceso para
share-no-one-else-has = Nadie más tiene acceso.
share-hand-over-this-profile = Traspasar este perfil
share-when-is-ready-to = Cuando { $patient-name } esté preparado para llevar sus propios registros, indique la dirección de correo con la que iniciará sesión. Recibirá un enlace para elegir una contraseña; a partir de entonces el perfil y todos sus registros serán suyos, y usted dejará de verlos salvo que le dé acceso.
share-their-own-e-mail = Su propia dirección de correo electrónico
share-make-the-hand-over = Crear el enlace de traspaso
share-calendar = Calendario
share-a-private-link-your = Un enlace privado al que puede suscribirse el calendario de su teléfono: las dosis de cada medicamento (el día semanal del metotrexato, las infusiones cada pocas semanas, los pasos de una reducción) y los análisis de control pendientes, con recordatorios.
share-you-have-a-calendar = Tiene un enlace de calendario, creado el { $since }. Si crea uno nuevo, el anterior deja de funcionar.
share-stop-the-calendar-link = Desactivar el enlace de calendario
share-make-a-new-calendar = Crear un nuevo enlace de calendario
share-make-a-calendar-link = Crear un enlace de calendario
share-e-mail-reminders = Recordatorios por correo electrónico
share-myo-can-e-mail = Myo puede escribirle, a la dirección de su cuenta, cuando:
share-this-site-does-not-2 = Este sitio todavía no envía correos; sus preferencias se guardan para cuando lo haga. Escríbame cuando:
share-reminders = Recordatorios
share-save-reminders = Guardar los recordatorios
share-export = Exportar
share-csv = (CSV)
share-everything-as-a-fhir = Todo como un Bundle FHIR R4 (JSON)
share-delete-my-tracker-data = Borrar mis datos del seguimiento
share-this-removes-every-diary = Esto borra todas las entradas del diario, pruebas, resultados de laboratorio, medicamentos, enlaces para compartir y accesos de profesionales. No se puede deshacer. El registro de auditoría solo conserva que hubo un borrado.
share-type = Escriba
share-to-confirm = para confirmar

## Shared summary (public link)

shared-shared-summary = Resumen compartido
shared-records-from-to-as = Registros del { $from } al { $to }, tal como los compartió el paciente. Este enlace caduca el { $expires }.

## FHIR import

fhir-upload-the-fhir-file = Suba el archivo FHIR (JSON) del portal de su hospital. Myo le muestra primero lo que añadiría; no se guarda nada hasta que usted lo confirme.
fhir-these-will-be-added = Se añadirá lo siguiente
fhir-these-were-refused = Se rechazó lo siguiente
fhir-already-in-your-records = Ya está en sus registros
fhir-not-something-myo-tracks = No es algo que Myo registre
fhir-saved-record-s = Se guardaron { $saved } registro(s).
fhir-go-to-your-records = Ir a sus registros
fhir-add-these-record-s = Añadir estos { $len } registro(s)
fhir-fhir-file-from-your = Archivo FHIR de su portal (JSON, hasta 4 MiB)
fhir-or-paste-its-text = O pegue su texto
fhir-preview = Vista previa

## Guided assessment

guided-about-this-assessment = Sobre esta evaluación
guided-scored-by-myo-s = Puntuado por la biblioteca de instrumentos de Myo a partir de { $citation }. Estado:
guided-not-yet-verified-in = (todavía no verificado en todas sus partes)
guided-answer-every-item-if = Responda a cada ítem. Si un ítem no se hizo, elija «No evaluado»: figura como faltante y nunca se cuenta como normal.
guided-date-of-the-assessment = Fecha de la evaluación
guided-sides-tested = Lados evaluados
guided-one-side = Un lado
guided-both-sides = Ambos lados
guided-score-and-save = Puntuar y guardar
guided-cancel = Cancelar

## Record history

history-history-of-this = Historial de este registro: { $noun }
history-earlier-versions-newest-first = Versiones anteriores, la más reciente primero
history-this-entry-has-not = Esta entrada no se ha editado.
history-version-replaced-on = Versión { $version }, sustituida el
history-field = Campo
history-before = Antes
history-after = Después
history-no-visible-change-saved = Ningún cambio visible (se guardó de nuevo tal cual).
history-edit-it = Editarlo
history-back = Volver

## Editing a record

edit-edit-this = Editar este registro: { $noun }
edit-not-saved-this-entry = No se guardó: esta entrada cambió desde que la abrió. Sus valores se conservan abajo. Compruebe la versión guardada en su
edit-history = historial
edit-then-save-again-to = , y luego guarde de nuevo para sustituirla.
edit-edited-on = Editado el { $e }.
edit-see-its-history = Ver su historial
edit-change-what-is-wrong = Cambie lo que esté mal
edit-saving-keeps-the-earlier = Al guardar, la versión anterior se conserva en el historial de la entrada.
edit-save-changes = Guardar los cambios

## Deleting a record

delete-delete-this = ¿Borrar este registro: { $noun }?
delete-what-will-be-deleted = Qué se borrará
delete-record = Registro
delete-details = Detalles
delete-you-cannot-undo-this = Esto no se puede deshacer. El registro de auditoría solo conserva que se borró un registro.

## Clinician's patient list

patients-patients-who-shared-their = Pacientes que compartieron sus registros con usted
patients-find-by-name-e = Buscar por nombre, correo electrónico o su identificador
patients-everyone = todos
patients-only-with-open-red = solo con señales de alarma abiertas o señales de brote
patients-only-with-overdue-monitoring = solo con análisis de control atrasados
patients-sort-by = Ordenar por
patients-open-flags-first = primero las señales abiertas
patients-last-entry-newest-first = última entrada, la más reciente primero
patients-name = nombre
patients-sort-by-2 = Ordenar por:
patients-open-flags = señales abiertas
patients-last-entry = última entrada
patients-show-everyone = mostrar todos
patients-patient = paciente
patients-patients = pacientes
patients-of-patients-shown = de { $total } pacientes mostrados
patients-your-patients-and-what = Sus pacientes y lo que requiere atención
patients-patient-2 = Paciente
patients-open-red-flags-and = Señales de alarma abiertas y señales de brote
patients-last-entry-2 = Última entrada
patients-records = Registros
patients-born = Fecha de nacimiento:
patients-your-identifier = Su identificador
patients-save = Guardar
patients-identifier-for = identificador de
patients-none = ninguno
patients-red-flag = Señal de alarma
patients-flare-signal = Señal de brote
patients-nothing-recorded-yet = todavía nada registrado
patients-record-a-visit = Registrar una visita
patients-no-patient-has-given = Todavía ningún paciente le ha dado acceso.
patients-no-patient-matches = Ningún paciente coincide.
patients-red-flags-stay-open = Las señales de alarma siguen abiertas hasta que el paciente las marca como atendidas; las señales de brote abarcan los últimos 30 días; los análisis de control siguen las reglas citadas en el panel de cada paciente. Solo usted ve su identificador.
patients-your-own-tracker = Su propio seguimiento

## Tracker record pages: tables and titles made in code

labs-list-caption = Resultados de laboratorio, el más reciente primero
labs-list-empty = Todavía no hay resultados de laboratorio.
labs-col-reference = Referencia
labs-col-flag = Indicador
labs-col-converted = Convertido
labs-flag-low = bajo
labs-flag-normal = dentro del intervalo
labs-flag-high = alto
labs-flag-none = sin intervalo
labs-delete-label = análisis de { $test } del { $date }
strength-list-caption = Pruebas en casa (– = no hecha)
strength-list-empty = Todavía no hay pruebas en casa.
strength-col-sit-to-stand = Levantarse de la silla (30 s)
strength-col-up-and-go = Levántese y ande (s)
strength-col-arm-raise = Brazos levantados (s)
strength-delete-assessment = evaluación { $instrument } del { $date }
strength-delete-home-tests = pruebas en casa del { $date }
cond-list-caption = Diagnósticos tal como se registraron (Myo nunca diagnostica)
cond-list-empty = No hay enfermedades registradas.
cond-delete-label = enfermedad { $name }
cond-delete-label-dated = enfermedad { $name } del { $date }
cond-delete-antibody = anticuerpo { $name } del { $date }
cond-outcome-positive = positivo
cond-outcome-negative = negativo
cond-outcome-borderline = dudoso
meds-not-taken-that-day = no se tomaba ese día
meds-no-missed-dose-advice = Myo no tiene consejos sobre dosis olvidadas para este medicamento: consulte a su equipo médico o a su farmacéutico.
meds-delete-label = medicamento { $name } del { $date }
meds-dates-ended = del { $start } al { $end }
meds-dates-since = desde el { $start }
meds-adherence = últimos 28 días: { $taken } tomadas, { $missed } olvidadas, { $unknown } sin registrar
sched-daily = a diario a las { $time }
sched-weekly = cada semana el { $day } a las { $time }
sched-every-n-weeks = cada { $n } semanas a las { $time }
sched-course = el { $dates } a las { $time }
sched-taper = reducción gradual a las { $time }: { $steps }
sched-taper-step = { $dose } durante { $days ->
    [one] { $days } día
   *[other] { $days } días
}
sched-taper-then = , luego{" "}
weekday-monday = lunes
weekday-tuesday = martes
weekday-wednesday = miércoles
weekday-thursday = jueves
weekday-friday = viernes
weekday-saturday = sábado
weekday-sunday = domingo
route-oral = por vía oral
route-subcutaneous = por vía subcutánea
route-intramuscular = por vía intramuscular
route-intravenous = por vía intravenosa
route-topical = por vía tópica
delete-no-doses = No ha registrado ninguna dosis de este medicamento.
delete-doses-too = { $count ->
    [one] También se borrará la dosis que registró para este medicamento.
   *[other] También se borrarán las { $count } dosis que registró para este medicamento.
}
kind-noun-diary = entrada del diario
kind-noun-labs = resultado de laboratorio
kind-noun-medicines = medicamento
kind-noun-doses = dosis
kind-noun-home_tests = registro de pruebas en casa
kind-noun-conditions = enfermedad
kind-noun-antibodies = resultado de anticuerpos
kind-noun-visits = visita
kind-noun-assessments = evaluación
kind-csv-diary = Diario
kind-csv-labs = Resultados de laboratorio
kind-csv-medicines = Medicamentos
kind-csv-doses = Dosis tomadas u olvidadas
kind-csv-home_tests = Pruebas en casa
kind-csv-conditions = Enfermedades
kind-csv-antibodies = Resultados de anticuerpos
kind-csv-visits = Visitas
kind-csv-assessments = Evaluaciones de fuerza y capacidad física
visits-delete-label = visita del { $date }
patients-title = Pacientes

## Form errors: the field's label and what is wrong (the tracker's English words, or the
## problem as data worded here)

field-dose-amount = Dosis
field-dose-unit = Unidad de la dosis
field-dose = Dosis
field-name = Nombre
field-generic-name = Nombre genérico
field-route = Cómo se toma
field-schedule-kind = Con qué frecuencia
field-schedule-day = Día de la semana
field-schedule-time = Hora
field-schedule-times = Horas
field-schedule-n = Cada N semanas
field-schedule-dates = Fechas
field-schedule-steps = Pasos de la reducción
field-start = Inicio
field-end = Fin
field-confirmation = Motivo
field-time-zone = Zona horaria
field-value = Valor
field-unit = Unidad
field-analyte = Prueba
field-low = Límite inferior
field-high = Límite superior
field-uln = Límite superior de la normalidad
field-range = Intervalo de referencia
field-range-uln = Límite superior de la normalidad
field-date = Fecha
field-note = Nota
field-titre = Título
field-sit-to-stand-30s = Levantarse de la silla en 30 segundos
field-timed-up-and-go-s = Levántese y ande cronometrado
field-arm-raise-s = Brazos levantados
field-taper-step = Paso de la reducción
form-invalid = { $field }: { $problem } (se admite: { $allowed })
invalid-out-of-range = { $field }: { $value } está fuera del intervalo (se admite: de { $low } a { $high })
invalid-future-date = { $field }: el { $date } es una fecha futura (se admite: hoy ({ $today }) o un día anterior)
invalid-not-a-number = { $field }: «{ $text }» no se puede leer como número (se admite: un número como 1850 o 1,85)
invalid-not-a-date = { $field }: «{ $text }» no es una fecha (se admite: AAAA-MM-DD)
invalid-missing = { $field }: falta (se admite: un número)
# Problemas y avisos que el registro da como datos (id del mensaje y valores).
invalid-ambiguous-number = { $field }: «{ $text }» puede ser { $whole } o { $decimal } (se admite: escríbalo sin separador ({ $whole }) si es un número entero, o con menos decimales ({ $decimal }) si es un decimal)
invalid-impossible-value = { $field }: { $value } { $unit } está fuera de lo que es posible para { $test }; compruebe si hay un error al escribir o una unidad distinta (se admite: de { $low } a { $high } { $unit })
invalid-dose-too-high = { $field }: { $amount } { $unit } { $per } es más de { $factor } veces la dosis habitual más alta de { $generic } ({ $max } { $unit } { $per }{ $body }); parece un error al escribir (se admite: como mucho { $hard } { $unit } { $per }; compruebe la etiqueta o pregunte a su farmacéutico)
warn-dose-above-usual = { $amount } { $unit } { $per } está por encima de la dosis habitual más alta de { $generic } ({ $max } { $unit } { $per }{ $body }, según { $source }). Si es lo que le recetó su equipo médico, confírmelo y diga por qué; si no, compruebe la cantidad.
dose-per-dose = por toma
dose-a-day = al día
dose-a-week = a la semana
dose-for-weight = {" "}para un adulto de { $kg } kg
dose-for-surface = {" "}para un adulto de { $m2 } m²
dose-for-anyone = {""}
dose-source-guide = la guía de { $guide }
dose-source-guide-partial = la guía de { $guide }; este intervalo aún no está verificado
warn-same-ingredient = Ya tiene «{ $name }» ({ $generic }) desde el { $since }, con el mismo principio activo. Si las dos son correctas (por ejemplo, dos concentraciones), confírmelo y diga por qué.
invalid-same-weekly-ingredient = { $field }: ya tiene «{ $name }» ({ $generic }) desde el { $since }; una segunda entrada de { $generic } al mismo tiempo podría significar tomarlo dos veces (se admite: una sola entrada activa por principio activo: detenga o borre la otra primero)
invalid-weekly-only = { $field }: «{ $name }» se reconoció como { $generic } y se rechazó una pauta «{ $kind }»: { $reason } (se admite: semanal, un día fijo cada semana)
weekly-only-reason-methotrexate = el metotrexato para la miositis se toma una vez a la semana; tomarlo a diario por error ha causado sobredosis mortales
weekly-only-suggestion-methotrexate = El ácido fólico suele tomarse en días de la semana distintos a los del metotrexato; siga el plan que le dé su equipo médico.
schedule-kind-daily = { meds-daily }
schedule-kind-several_daily = { meds-several-times-a-day }
schedule-kind-weekly = { meds-weekly-on-a-day }
schedule-kind-every_n_weeks = { meds-every-n-weeks }
schedule-kind-course = { meds-on-listed-dates }
schedule-kind-taper = { meds-a-taper-steps }
invalid-field-of-other-kind = { $field }: está rellenado, pero en «Con qué frecuencia» se eligió «{ $chosen }» (se admite: vacío para «{ $chosen }»; elija «{ $kind }» en «Con qué frecuencia» para usarlo)
invalid-taper-dose-differs = { $field }: { $amount } { $unit } no coincide con el primer paso de la reducción ({ $first } { $first_unit }) (se admite: vacío en una reducción gradual: la dosis sale de los pasos)
invalid-missing-positive = { $field }: falta (se admite: un número mayor que 0)
invalid-no-taper-steps = { $field }: no hay pasos (se admite: pasos como "20 mg durante 7 días, 15 mg durante 7 días")
invalid-taper-step = { $field }: «{ $text }» (se admite: pasos como "20 mg durante 7 días, 15 mg durante 7 días")
invalid-too-long = { $field }: { $length } caracteres (se admite: como mucho { $max } caracteres)
invalid-name-length = { $field }: vacío o demasiado largo (se admite: de 1 a { $max } caracteres)
invalid-rxcui = { $field }: no es un código RxNorm (se admite: un número de concepto RxNorm de 1 a 8 cifras, p. ej. 6851, o déjelo vacío)
invalid-end-before-start = { $field }: el { $end } es anterior al inicio, el { $start } (se admite: el día de inicio o uno posterior)
invalid-dose-amount = { $field }: { $value } (se admite: un número mayor que 0 y como mucho 1000000)
invalid-times-count = { $field }: se dieron { $count } horas (se admite: de 2 a 6 horas distintas)
invalid-every-n-weeks = { $field }: { $value } (se admite: de 1 a 104 semanas)
invalid-course-dates = { $field }: fechas vacías o repetidas (se admite: al menos una fecha, cada una una sola vez)
invalid-no-steps = { $field }: no hay pasos (se admite: al menos un paso)
invalid-step-days = { $field }: { $value } (se admite: de 1 a 365 días)
invalid-time-zone = { $field }: zona horaria desconocida «{ $text }» (se admite: un nombre de zona IANA)
invalid-rating-twice = { $field }: se dio dos veces (se admite: un valor por puntuación)
invalid-answer-twice = { $field }: se dio dos veces (se admite: una respuesta por pregunta)
invalid-not-same-day = { $field }: el { $date } no es el { $earlier } (se admite: el mismo día)
invalid-stands = { $field }: { $value } (se admite: de 0 a 60 veces)
invalid-titre = { $field }: «{ $text }» es demasiado largo (se admite: como mucho 40 caracteres)
invalid-above-zero = { $field }: { $value } (se admite: > 0)
invalid-positive-number = { $field }: { $value } (se admite: un número > 0)
invalid-change-not-after-start = { $field }: el { $from } no es posterior al inicio, el { $start } (se admite: un día después de empezar el medicamento; para corregir la primera dosis, edítela)
invalid-change-after-stop = { $field }: el { $from } es posterior a cuando lo dejó, el { $end } (se admite: un día en que lo toma; para volver a tomarlo, reanúdelo)
invalid-stop-reason = { $field }: vacío o demasiado largo (se admite: por qué lo dejó, de 1 a { $max } caracteres)
invalid-last-day-before-start = { $field }: el { $last } es anterior al inicio, el { $start } (se admite: el día en que empezó o uno posterior)
invalid-last-day-after-end = { $field }: el { $last } es posterior a cuando ya terminó, el { $end } (se admite: su último día actual o uno anterior)
invalid-not-stopped = { $field }: no se ha dejado (se admite: déjelo primero, o cambie su dosis)
invalid-restart-not-after-stop = { $field }: el { $from } no es posterior a cuando lo dejó, el { $end } (se admite: un día después de su último día)
invalid-year = { $field }: año { $year } (se admite: de 1900 a 2200)
invalid-not-calendar-date = { $field }: { $text } no es una fecha del calendario (se admite: una fecha real)
invalid-clock-time = { $field }: { $text } no es una hora válida (se admite: de 00:00 a 23:59)
invalid-to-before-from = { $field }: el { $to } es anterior al { $from } (se admite: «hasta» igual o posterior a «desde»)
invalid-not-negative = { $field }: { $value } (se admite: un número ≥ 0)
invalid-range-order = { $field }: { $low }–{ $high } (se admite: 0 ≤ inferior < superior)
invalid-mmt8-mode = { $field }: el MMT-8 se hizo de un solo lado en una consulta y de los dos lados en la otra (se admite: el mismo modo en las dos consultas)
analyte-ck = Creatina cinasa (CK)
analyte-aldolase = Aldolasa
analyte-ast = AST
analyte-alt = ALT
analyte-ldh = LDH
analyte-crp = Proteína C reactiva (PCR)
analyte-esr = VSG (Westergren)
analyte-wbc = Leucocitos
analyte-neutrophils = Neutrófilos
analyte-lymphocytes = Linfocitos
analyte-haemoglobin = Hemoglobina
analyte-platelets = Plaquetas
analyte-creatinine = Creatinina
analyte-glucose = Glucosa
field-physician-global = Valoración global del médico
field-patient-global = Valoración global del paciente
field-extramuscular = Actividad extramuscular
field-birth-date = Fecha de nacimiento
field-from = Desde
field-to = Hasta
field-reason = Motivo
field-last-day = Último día
field-version = Versión
phrase-join = { $first } { $rest }
invalid-confirm-change = { $field }: { $warnings } (se admite: un motivo en la casilla Motivo de este cambio, si es correcto)
invalid-dose-unit = { $field }: unidad desconocida «{ $text }» (se admite: mg, g, mcg, IU, mL)
invalid-changed-meanwhile = { $field }: este medicamento cambió desde que abrió la página; no se guardó nada (se admite: vuelva a cargar la página y haga el cambio de nuevo)
invalid-to-not-after-from = { $field }: el { $to } es anterior al { $from } (se admite: «hasta» igual o posterior a «desde»)
invalid-whole-stands = { $field }: «{ $text }» (se admite: un número entero de veces, de 0 a 60)
invalid-global-not-number = { $field }: «{ $text }» no es un número (se admite: de 0 a 10)
invalid-global-range = { $field }: { $value } (se admite: de 0 a 10)
invalid-grade = { $field }: «{ $text }» (se admite: un grado de 0 a 10)
invalid-ck-pair = { $field }: indique juntos el valor de CK y su límite superior de la normalidad (se admite: los dos, con el límite > 0)
invalid-not-negative-text = { $field }: «{ $text }» (se admite: un número ≥ 0)
invalid-no-time-zone = { $field }: no se indicó ninguna zona horaria (se admite: una zona horaria de la lista, como Europe/Madrid o America/Mexico_City)
invalid-unknown-time-zone = { $field }: Myo no conoce la zona horaria «{ $text }» (se admite: una zona horaria de la lista, como Europe/Madrid o America/Mexico_City)
invalid-birth-not-date = { $field }: «{ $text }» no es una fecha (se admite: una fecha como 1980-04-30 (año-mes-día), no futura)
invalid-birth-date = { $field }: { $date } (se admite: una fecha como 1980-04-30 (año-mes-día), no futura)
share-access-read-write = lectura y escritura
share-access-read-only = solo lectura
share-link-dates = creado el { $created }, caduca el { $expires }
share-link-active = activo
share-link-expired = caducado
share-link-revoked = revocado
share-deleted-account = (cuenta borrada)
share-relation-clinician = profesional sanitario
share-relation-carer = cuidador/a
share-relation-guardian = tutor/a
dose-amount = { $amount } { $unit }
summary-med-taken = { $name }: { $dose } ({ $schedule }), desde el { $start }.
summary-med-taken-ended = { $name }: { $dose } ({ $schedule }), del { $start } al { $end }.
summary-change-started = { $date }: empezó { $name }.
summary-change-stopped = { $date }: dejó { $name }.
summary-change-taper-step = { $date }: { $name }, paso de la reducción a { $dose }.
summary-change-taper-ended = { $date }: { $name }, terminó la reducción.
summary-change-dose = { $date }: { $name }, la dosis cambió a { $dose }.
visit-measures = valoración global del médico { $physician }, valoración global del paciente { $patient }, actividad extramuscular { $extramuscular }, MMT-8 { $mmt }, CK { $ck }
visit-not-assessed = no evaluado
visit-of-ten = { $value }/10
visit-mmt-not-complete = incompleto
visit-mmt-total = { $total }/80
visit-ck-not-measured = no medida
visit-ck = { $value } (LSN { $uln })
tis-visits = Consulta inicial { $baseline } → seguimiento { $followup }.
tis-side-baseline = consulta inicial
tis-side-followup = seguimiento
tis-haq-from-visit = la consulta del { $date }
tis-haq-from-assessment = la evaluación HAQ-DI del { $date }
tis-function-from = Función ({ $side }): HAQ-DI de { $source }.
tis-function-missing = Función ({ $side }): no hay HAQ-DI en la consulta ni en los { $days } días de alrededor; se indica que falta.
tis-result-title = Puntuación total de mejoría (revisión { $revision }): { $status }
tis-status-verified = verificada
tis-status-not-verified = aún no verificada
tis-result-score = Puntuación: { $tis } ({ $category })
tis-result-without-enzyme = Sin los puntos de la enzima (estaba dentro de lo normal en la consulta inicial): { $tis } ({ $category })
tis-category-none = por debajo de la mejoría mínima
tis-category-minimal = mejoría mínima
tis-category-moderate = mejoría moderada
tis-category-major = mejoría importante
tis-measure-physician_global = Actividad global según el médico
tis-measure-patient_global = Actividad global según el paciente
tis-measure-extramuscular = Actividad de la enfermedad fuera del músculo
tis-measure-haq = Índice de discapacidad HAQ
tis-measure-chaq = CHAQ
tis-measure-mmt = Prueba muscular manual (MMT)
tis-measure-cmas = CMAS
tis-measure-enzymes = Enzima muscular más alterada
tis-result-measure = { $measure }: consulta inicial { $baseline }, seguimiento { $followup }, cambio { $change } %, { $points } puntos
tis-change-undefined = no definido
tis-result-measure-missing = { $measure }: no disponible en las dos consultas; cuenta 0 (falta)
tis-result-incomplete = Incompleta: { $missing } no estaba disponible en las dos consultas y cuenta 0; la puntuación total es un límite inferior.
tis-source-label = Fuente:
